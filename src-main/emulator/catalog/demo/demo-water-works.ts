import { bool, float, json, states, txt, type DemoUnit, type DemoWorkspace } from './demo-builders';

/*
 * Riverside Water Treatment Works: river intake, dissolved air flotation, four rapid gravity
 * filters, chlorination and a treated-water reservoir, sludge handling and the compliance lab.
 * Demand follows a day cycle (peaks in the evening, reservoir refills at night); filters show the
 * head-loss sawtooth of their backwash cycle.
 */

const DEMAND = { seed: 600, daily: { amplitude: 380, peakHour: 19 }, wander: { amplitude: 90, periodS: 21_600 } };
const QUALITY_GAPS = { bucketS: 7 * 86_400, probability: 0.5, lengthS: 4 * 3_600 };

function dafStream(n: number): DemoUnit {
  const s = 610 + n;
  return {
    name: `DAF Stream ${n}`,
    signals: [
      float(txt('Clarified Turbidity', `Turbidity after flotation, stream ${n}`), 'NTU', 60, { seed: 605, base: 0.9, wander: { amplitude: 0.5, periodS: 172_800 }, noise: 0.05, min: 0.2, decimals: 2 }),
      float(txt('Coagulant Dose', `Ferric sulphate dose as Fe, stream ${n}`, 'Set from jar tests by the process scientist; changed once or twice a day.'), 'mg/L', 60, { seed: s, base: 0, steps: { periodS: 43_200, levels: [3.5, 4, 4.5, 5] }, noise: 0.05, decimals: 2 }),
      float(txt('Recycle Pressure', `Saturator recycle pressure, stream ${n}`), 'bar', 10, { seed: s + 5, base: 5.5, wander: { amplitude: 0.2, periodS: 3_600 }, noise: 0.03, decimals: 2 }),
      bool(txt('Scraper Running', `Float scraper running, stream ${n}`), 60, 1_800, 0.3, { seed: s + 6 }),
      states(txt('Stream State', `Operating state of DAF stream ${n}`), 60, 3_600, ['In service', 'Desludging', 'Out of service'], [90, 8, 2]),
    ],
  };
}

function filter(n: number): DemoUnit {
  const runHours = [30, 34, 38, 42][n - 1] ?? 36;
  return {
    name: `Filter ${n}`,
    signals: [
      float(txt('Filter Flow', `Flow through filter ${n}`), 'm³/h', 10, { ...DEMAND, base: 360, daily: { amplitude: 60, peakHour: 19 }, wander: { amplitude: 20, periodS: 21_600 }, noise: 4, decimals: 1 }),
      float(txt('Head Loss', `Head loss across the bed of filter ${n}`, `Rises as the bed clogs; backwash at ~22 kPa, about every ${runHours} h.`), 'kPa', 10, { seed: 620 + n, base: 4, sawtooth: { amplitude: 18, periodS: runHours * 3_600 }, noise: 0.2, decimals: 2 }),
      float(txt('Filtered Water Turbidity', `Turbidity after filter ${n}`, 'Regulatory limit 1 NTU; the works targets below 0.1 NTU.'), 'NTU', 60, { seed: 630 + n, base: 0.08, wander: { amplitude: 0.04, periodS: 14_400 }, noise: 0.005, min: 0.02, decimals: 3 }),
      states(txt('Filter State', `Sequence state of filter ${n}`), 60, 1_800, ['Filtering', 'Backwash', 'Filter to waste', 'Standby'], [88, 4, 3, 5]),
      float(txt('Outlet Valve Position', `Flow control valve opening, filter ${n}`), '%', 10, { seed: 640 + n, base: 55, wander: { amplitude: 25, periodS: 7_200 }, noise: 0.3, min: 0, max: 100, decimals: 1 }),
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
                  float(txt('Screen Differential Level', 'Level difference across the band screens', 'The screen cleaner starts at 80 mm.'), 'mm', 60, { seed: 601, base: 15, sawtooth: { amplitude: 65, periodS: 14_400 }, noise: 1, decimals: 0 }),
                  bool(txt('Screen Cleaner Running', 'Band screen wash running'), 60, 600, 0.15),
                  float(txt('River Level', 'River level at the intake', 'Metres above ordnance datum.'), 'm AOD', 900, { seed: 602, base: 12.4, yearly: { amplitude: 0.6, peakDay: 40 }, wander: { amplitude: 0.4, periodS: 432_000 }, decimals: 3 }),
                ],
              },
              {
                name: 'Raw Water Pumps',
                signals: [
                  bool(txt('Pump 1 Running', 'Raw water pump 1 running'), 10, 14_400, 0.8),
                  bool(txt('Pump 2 Running', 'Raw water pump 2 running'), 10, 14_400, 0.6),
                  bool(txt('Pump 3 Running', 'Raw water pump 3 (standby) running'), 10, 14_400, 0.2),
                  float(txt('Raw Water Flow', 'Raw water flow to the works', 'Electromagnetic flow meter on the 900 mm rising main.'), 'm³/h', 10, { ...DEMAND, base: 1_450, noise: 10, decimals: 1 }),
                  float(txt('Discharge Pressure', 'Pump manifold discharge pressure'), 'bar', 10, { ...DEMAND, base: 3.1, daily: { amplitude: 0.3, peakHour: 19 }, wander: { amplitude: 0.1, periodS: 21_600 }, noise: 0.02, decimals: 2 }),
                  states(txt('Duty Set', 'Pumps selected to run by the duty controller'), 900, 14_400, ['P1+P2', 'P1+P3', 'P2+P3', 'P1+P2+P3'], [5, 2, 2, 1]),
                ],
              },
              {
                name: 'Raw Water Quality',
                signals: [
                  float(txt('Raw Turbidity', 'Raw water turbidity', 'Rises sharply after rain in the catchment.'), 'NTU', 60, { seed: 605, base: 6, wander: { amplitude: 5, periodS: 172_800 }, noise: 0.2, min: 0.5, decimals: 2 }, { gaps: QUALITY_GAPS }),
                  float(txt('Raw Water Temperature', 'Raw water temperature'), '°C', 900, { seed: 606, base: 11, yearly: { amplitude: 7, peakDay: 220 }, wander: { amplitude: 0.5, periodS: 259_200 }, decimals: 2 }),
                  float(txt('Raw pH', 'Raw water pH'), 'pH', 60, { seed: 607, base: 7.6, wander: { amplitude: 0.2, periodS: 86_400 }, noise: 0.01, decimals: 2 }, { gaps: QUALITY_GAPS }),
                  float(txt('Conductivity', 'Raw water electrical conductivity at 20 °C'), 'µS/cm', 60, { seed: 608, base: 420, wander: { amplitude: 40, periodS: 259_200 }, noise: 2, decimals: 0 }),
                  float(txt('Colour', 'True colour'), 'Hazen', 900, { seed: 609, base: 25, yearly: { amplitude: 10, peakDay: 300 }, wander: { amplitude: 8, periodS: 259_200 }, min: 2, decimals: 1 }),
                  float(txt('UV254 Absorbance', 'UV absorbance at 254 nm, organic load indicator', 'Analyser commissioned 2025-06-01.'), '1/m', 60, { seed: 609, base: 9, wander: { amplitude: 3, periodS: 259_200 }, noise: 0.05, min: 1, decimals: 2 }, { activeFrom: '2025-06-01T00:00:00Z' }),
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
        divisions: [{ name: 'Rapid Gravity Filters', description: 'Four dual-media filters, air scour and water backwash', units: [1, 2, 3, 4].map(filter) }],
      },
      ...disinfectionAndSludge(),
    ],
  };
}

function disinfectionAndSludge(): DemoWorkspace['assets'] {
  return [
    {
      name: 'Disinfection & Storage',
      type: 'Process area',
      description: 'Sodium hypochlorite dosing, contact tank and treated water reservoir',
      divisions: [
        {
          name: 'Chlorination',
          description: null,
          units: [
            {
              name: 'Chlorine Dosing',
              signals: [
                float(txt('Free Chlorine Residual', 'Free chlorine after dosing', 'Trimmed to 1.1 mg/L by the dosing controller.'), 'mg/L', 10, { seed: 650, base: 1.1, wander: { amplitude: 0.12, periodS: 3_600 }, noise: 0.02, min: 0, decimals: 3 }),
                float(txt('Hypochlorite Dose Rate', 'Sodium hypochlorite (14-15 %) pump rate'), 'L/h', 10, { ...DEMAND, base: 14, daily: { amplitude: 2.5, peakHour: 19 }, wander: { amplitude: 1, periodS: 21_600 }, noise: 0.3, decimals: 2 }),
                bool(txt('Dosing Pump A Running', 'Duty hypochlorite pump A'), 10, 28_800, 0.5, { seed: 651 }),
                bool(txt('Dosing Pump B Running', 'Duty hypochlorite pump B'), 10, 28_800, 0.5, { seed: 652 }),
                float(txt('Final Water pH', 'pH after lime correction'), 'pH', 60, { seed: 653, base: 7.8, wander: { amplitude: 0.1, periodS: 43_200 }, noise: 0.01, decimals: 2 }),
                json(txt('Alarm Events', 'Latest alarm from the chlorination PLC', 'JSON object: tag, priority, active, and the analogue value at the alarm.'), 900, {
                  tag: { choice: ['none', 'none', 'none', 'CL2_RESID_LO', 'CL2_RESID_HI', 'DOSE_PUMP_FAIL', 'TANK_LEVEL_LO'] },
                  priority: { choice: [1, 2, 3] },
                  active: { choice: [false, false, true] },
                  value: { range: [0.4, 1.8], decimals: 2 },
                }),
              ],
            },
            {
              name: 'Contact Tank',
              signals: [
                float(txt('CT Value', 'Disinfection contact time x concentration', 'Must stay above 15 mg·min/L.'), 'mg·min/L', 600, { seed: 654, base: 38, wander: { amplitude: 4, periodS: 21_600 }, decimals: 1 }),
                float(txt('Outlet Chlorine', 'Free chlorine at the contact tank outlet'), 'mg/L', 60, { seed: 650, base: 0.95, wander: { amplitude: 0.1, periodS: 3_600 }, noise: 0.01, decimals: 3 }),
                float(txt('Tank Level', 'Contact tank level'), 'm', 60, { ...DEMAND, base: 3.6, daily: { amplitude: -0.2, peakHour: 19 }, wander: { amplitude: 0.05, periodS: 21_600 }, decimals: 2 }),
              ],
            },
          ],
        },
        {
          name: 'Treated Water Reservoir',
          description: '24 Ml covered service reservoir',
          units: [
            {
              name: 'Reservoir R1',
              signals: [
                float(txt('Level', 'Reservoir water level', 'Drawn down by evening demand, refilled overnight.'), 'm', 60, { ...DEMAND, base: 4.2, daily: { amplitude: 0.8, peakHour: 5 }, wander: { amplitude: 0.2, periodS: 21_600 }, decimals: 3 }),
                float(txt('Stored Volume', 'Volume in store'), 'm³', 600, { ...DEMAND, base: 10_080, daily: { amplitude: 1_920, peakHour: 5 }, wander: { amplitude: 480, periodS: 21_600 }, decimals: 0 }),
                float(txt('Outlet Flow', 'Flow into supply'), 'm³/h', 60, { ...DEMAND, base: 1_200, daily: { amplitude: 400, peakHour: 19 }, noise: 8, decimals: 1 }),
                bool(txt('Inlet Valve Open', 'Reservoir inlet valve open'), 60, 3_600, 0.7),
                bool(txt('Low Level Alarm', 'Level below 2.5 m'), 60, 3_600, 0.01),
              ],
            },
          ],
        },
        {
          name: 'Laboratory',
          description: 'Regulatory compliance sampling',
          units: [
            {
              name: 'Compliance Sampling',
              signals: [
                json(txt('Final Water Sample', 'Result of the latest compliance sample', 'JSON object per sample: sampleId, point, E. coli and coliform counts per 100 mL, turbidity, free chlorine, analyst initials.'), 900, {
                  sampleId: { sequence: 'RWT-' },
                  point: { choice: ['Final water', 'Reservoir R1 outlet'] },
                  eColiPer100ml: { choice: [0, 0, 0, 0, 0, 0, 0, 1] },
                  coliformsPer100ml: { choice: [0, 0, 0, 0, 1, 2] },
                  turbidityNtu: { range: [0.05, 0.3], decimals: 2 },
                  freeChlorineMgL: { range: [0.8, 1.3], decimals: 2 },
                  analyst: { choice: ['JM', 'AK', 'RS'] },
                }),
                states(txt('Sample Status', 'Laboratory status of the latest sample'), 900, 900, ['Passed', 'Pending', 'Resample requested'], [85, 12, 3]),
              ],
            },
          ],
        },
      ],
    },
    {
      name: 'Sludge Treatment',
      type: 'Process area',
      description: 'Gravity thickening and centrifuge dewatering',
      divisions: [
        {
          name: 'Thickening & Dewatering',
          description: null,
          units: [
            {
              name: 'Thickener T1',
              signals: [
                float(txt('Sludge Blanket Level', 'Sludge blanket depth below the surface'), 'm', 60, { seed: 660, base: 2.4, wander: { amplitude: 0.5, periodS: 43_200 }, decimals: 2 }),
                float(txt('Polymer Dose', 'Polyelectrolyte dose'), 'kg/tDS', 60, { seed: 661, base: 0, steps: { periodS: 86_400, levels: [4, 4.5, 5] }, noise: 0.05, decimals: 2 }),
                bool(txt('Underflow Pump Running', 'Thickened sludge pump running'), 60, 1_800, 0.4),
              ],
            },
            {
              name: 'Centrifuge C1',
              signals: [
                float(txt('Bowl Speed', 'Centrifuge bowl speed'), 'rpm', 1, { seed: 662, base: 0, steps: { periodS: 14_400, levels: [0, 3_150, 3_200, 3_200] }, noise: 3, min: 0, decimals: 0 }),
                float(txt('Differential Speed', 'Scroll to bowl speed difference'), 'rpm', 10, { seed: 663, base: 6, wander: { amplitude: 1.5, periodS: 3_600 }, noise: 0.1, min: 0, decimals: 2 }),
                float(txt('Feed Flow', 'Sludge feed flow'), 'm³/h', 10, { seed: 664, base: 12, wander: { amplitude: 3, periodS: 3_600 }, noise: 0.2, min: 0, decimals: 2 }),
                states(txt('Centrifuge State', 'Centrifuge sequence state'), 60, 7_200, ['Running', 'Flushing', 'Stopped', 'Fault'], [60, 5, 33, 2]),
                float(txt('Bearing Vibration', 'Main bearing vibration velocity'), 'mm/s', 1, { seed: 665, base: 2.1, wander: { amplitude: 0.6, periodS: 1_800 }, noise: 0.15, min: 0, decimals: 2 }),
              ],
            },
          ],
        },
      ],
    },
  ];
}
