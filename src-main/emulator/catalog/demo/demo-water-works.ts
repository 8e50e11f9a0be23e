import { bool, float, states, txt, type DemoUnit, type DemoWorkspace } from './demo-builders';
import { disinfectionAndSludge } from './demo-water-disinfection';
import { DEMAND } from './demo-water-demand';

/*
 * Riverside Water Treatment Works: river intake, dissolved air flotation, four rapid gravity
 * filters, chlorination and a treated-water reservoir, sludge handling and the compliance lab.
 * Demand follows a day cycle (peaks in the evening, reservoir refills at night); filters show the
 * head-loss sawtooth of their backwash cycle.
 */

const QUALITY_GAPS = { bucketS: 7 * 86_400, probability: 0.5, lengthS: 4 * 3_600 };

function dafStream(n: number): DemoUnit {
  const s = 610 + n;
  return {
    name: `DAF Stream ${n}`,
    signals: [
      float(txt('Clarified Turbidity', `Turbidity after flotation, stream ${n}`), 'NTU', 60, {
        seed: 605,
        base: 0.9,
        wander: { amplitude: 0.5, periodS: 172_800 },
        noise: 0.05,
        min: 0.2,
        decimals: 2,
      }),
      float(
        txt(
          'Coagulant Dose',
          `Ferric sulphate dose as Fe, stream ${n}`,
          'Set from jar tests by the process scientist; changed once or twice a day.',
        ),
        'mg/L',
        60,
        { seed: s, base: 0, steps: { periodS: 43_200, levels: [3.5, 4, 4.5, 5] }, noise: 0.05, decimals: 2 },
      ),
      float(txt('Recycle Pressure', `Saturator recycle pressure, stream ${n}`), 'bar', 10, {
        seed: s + 5,
        base: 5.5,
        wander: { amplitude: 0.2, periodS: 3_600 },
        noise: 0.03,
        decimals: 2,
      }),
      bool(txt('Scraper Running', `Float scraper running, stream ${n}`), 60, 1_800, 0.3, { seed: s + 6 }),
      states(
        txt('Stream State', `Operating state of DAF stream ${n}`),
        60,
        3_600,
        ['In service', 'Desludging', 'Out of service'],
        [90, 8, 2],
      ),
    ],
  };
}

function filter(n: number): DemoUnit {
  const runHours = [30, 34, 38, 42][n - 1] ?? 36;
  return {
    name: `Filter ${n}`,
    signals: [
      float(txt('Filter Flow', `Flow through filter ${n}`), 'm³/h', 10, {
        ...DEMAND,
        base: 360,
        daily: { amplitude: 60, peakHour: 19 },
        wander: { amplitude: 20, periodS: 21_600 },
        noise: 4,
        decimals: 1,
      }),
      float(
        txt(
          'Head Loss',
          `Head loss across the bed of filter ${n}`,
          `Rises as the bed clogs; backwash at ~22 kPa, about every ${runHours} h.`,
        ),
        'kPa',
        10,
        { seed: 620 + n, base: 4, sawtooth: { amplitude: 18, periodS: runHours * 3_600 }, noise: 0.2, decimals: 2 },
      ),
      float(
        txt('Filtered Water Turbidity', `Turbidity after filter ${n}`, 'Regulatory limit 1 NTU; the works targets below 0.1 NTU.'),
        'NTU',
        60,
        { seed: 630 + n, base: 0.08, wander: { amplitude: 0.04, periodS: 14_400 }, noise: 0.005, min: 0.02, decimals: 3 },
      ),
      states(
        txt('Filter State', `Sequence state of filter ${n}`),
        60,
        1_800,
        ['Filtering', 'Backwash', 'Filter to waste', 'Standby'],
        [88, 4, 3, 5],
      ),
      float(txt('Outlet Valve Position', `Flow control valve opening, filter ${n}`), '%', 10, {
        seed: 640 + n,
        base: 55,
        wander: { amplitude: 25, periodS: 7_200 },
        noise: 0.3,
        min: 0,
        max: 100,
        decimals: 1,
      }),
    ],
  };
}

export function waterWorks(): DemoWorkspace {
  return {
    name: 'Riverside Water Treatment Works',
    description: '60 Ml/d surface-water treatment works supplying the Riverside zone',
    assets: [
      {
        name: 'Raw Water Intake',
        type: 'Intake',
        description: 'River abstraction, screens and raw water pumping station',
        divisions: [
          {
            name: 'River Abstraction',
            description: 'Abstraction licence 75 Ml/d',
            units: [
              {
                name: 'Intake Screens',
                signals: [
                  float(
                    txt('Screen Differential Level', 'Level difference across the band screens', 'The screen cleaner starts at 80 mm.'),
                    'mm',
                    60,
                    { seed: 601, base: 15, sawtooth: { amplitude: 65, periodS: 14_400 }, noise: 1, decimals: 0 },
                  ),
                  bool(txt('Screen Cleaner Running', 'Band screen wash running'), 60, 600, 0.15),
                  float(txt('River Level', 'River level at the intake', 'Metres above ordnance datum.'), 'm AOD', 900, {
                    seed: 602,
                    base: 12.4,
                    yearly: { amplitude: 0.6, peakDay: 40 },
                    wander: { amplitude: 0.4, periodS: 432_000 },
                    decimals: 3,
                  }),
                ],
              },
              {
                name: 'Raw Water Pumps',
                signals: [
                  bool(txt('Pump 1 Running', 'Raw water pump 1 running'), 10, 14_400, 0.8),
                  bool(txt('Pump 2 Running', 'Raw water pump 2 running'), 10, 14_400, 0.6),
                  bool(txt('Pump 3 Running', 'Raw water pump 3 (standby) running'), 10, 14_400, 0.2),
                  float(
                    txt('Raw Water Flow', 'Raw water flow to the works', 'Electromagnetic flow meter on the 900 mm rising main.'),
                    'm³/h',
                    10,
                    { ...DEMAND, base: 1_450, noise: 10, decimals: 1 },
                  ),
                  float(txt('Discharge Pressure', 'Pump manifold discharge pressure'), 'bar', 10, {
                    ...DEMAND,
                    base: 3.1,
                    daily: { amplitude: 0.3, peakHour: 19 },
                    wander: { amplitude: 0.1, periodS: 21_600 },
                    noise: 0.02,
                    decimals: 2,
                  }),
                  states(
                    txt('Duty Set', 'Pumps selected to run by the duty controller'),
                    900,
                    14_400,
                    ['P1+P2', 'P1+P3', 'P2+P3', 'P1+P2+P3'],
                    [5, 2, 2, 1],
                  ),
                ],
              },
              {
                name: 'Raw Water Quality',
                signals: [
                  float(
                    txt('Raw Turbidity', 'Raw water turbidity', 'Rises sharply after rain in the catchment.'),
                    'NTU',
                    60,
                    { seed: 605, base: 6, wander: { amplitude: 5, periodS: 172_800 }, noise: 0.2, min: 0.5, decimals: 2 },
                    { gaps: QUALITY_GAPS },
                  ),
                  float(txt('Raw Water Temperature', 'Raw water temperature'), '°C', 900, {
                    seed: 606,
                    base: 11,
                    yearly: { amplitude: 7, peakDay: 220 },
                    wander: { amplitude: 0.5, periodS: 259_200 },
                    decimals: 2,
                  }),
                  float(
                    txt('Raw pH', 'Raw water pH'),
                    'pH',
                    60,
                    { seed: 607, base: 7.6, wander: { amplitude: 0.2, periodS: 86_400 }, noise: 0.01, decimals: 2 },
                    { gaps: QUALITY_GAPS },
                  ),
                  float(txt('Conductivity', 'Raw water electrical conductivity at 20 °C'), 'µS/cm', 60, {
                    seed: 608,
                    base: 420,
                    wander: { amplitude: 40, periodS: 259_200 },
                    noise: 2,
                    decimals: 0,
                  }),
                  float(txt('Colour', 'True colour'), 'Hazen', 900, {
                    seed: 609,
                    base: 25,
                    yearly: { amplitude: 10, peakDay: 300 },
                    wander: { amplitude: 8, periodS: 259_200 },
                    min: 2,
                    decimals: 1,
                  }),
                  float(
                    txt('UV254 Absorbance', 'UV absorbance at 254 nm, organic load indicator', 'Analyser commissioned 2025-06-01.'),
                    '1/m',
                    60,
                    { seed: 609, base: 9, wander: { amplitude: 3, periodS: 259_200 }, noise: 0.05, min: 1, decimals: 2 },
                    { activeFrom: '2025-06-01T00:00:00Z' },
                  ),
                ],
              },
            ],
          },
        ],
      },
      {
        name: 'Clarification',
        type: 'Process area',
        description: 'Coagulation, flocculation and dissolved air flotation',
        divisions: [{ name: 'Dissolved Air Flotation', description: 'Two DAF streams, 30 Ml/d each', units: [dafStream(1), dafStream(2)] }],
      },
      {
        name: 'Filtration',
        type: 'Process area',
        description: null,
        divisions: [
          {
            name: 'Rapid Gravity Filters',
            description: 'Four dual-media filters, air scour and water backwash',
            units: [1, 2, 3, 4].map(filter),
          },
        ],
      },
      ...disinfectionAndSludge(),
    ],
  };
}
