import { bool, float, json, txt, type DemoDivision, type DemoSignal, type DemoWorkspace } from './demo-builders';
import { turbine, windShape } from './demo-wind-turbine';

/*
 * Haldane Ridge Wind Farm: six turbines on two 33 kV strings, the substation, a met mast, and a
 * drivetrain condition-monitoring pilot whose unit holds 56 float signals sampled every second
 * (the benchmarks request 10 and 50 of them over 1,000,000 rows).
 */

const FARM_SEED = 900;

function cmsUnit(): DemoDivision['units'][number] {
  const positions: [string, number][] = [
    ['Main Bearing', 0.6],
    ['Gearbox Planetary Stage', 1.8],
    ['Gearbox Intermediate Shaft', 2.4],
    ['Gearbox HSS', 3.1],
    ['Generator DE', 2.2],
    ['Generator NDE', 1.9],
    ['Tower Top', 0.4],
  ];
  const signals: DemoSignal[] = [];
  positions.forEach(([pos, level], p) => {
    const seed = 400 + p;
    const load = { seed: 501, base: 0, wander: { amplitude: 0.35 * level, periodS: 5_400 } };
    const desc = (what: string) => `${what}, ${pos.toLowerCase()} accelerometer (WTG-A01)`;
    // The HSS bearing has a growing outer-race defect: its envelope and kurtosis drift upwards.
    const defect = pos === 'Gearbox HSS' ? 0.004 : 0;
    signals.push(
      float(
        txt(`${pos} Velocity RMS`, desc('Velocity RMS 10-1000 Hz'), 'ISO 10816-21 zone boundary B/C at 4.5 mm/s for the gearbox.'),
        'mm/s',
        1,
        { ...load, base: level, noise: 0.08 * level, min: 0, decimals: 3 },
      ),
      float(txt(`${pos} Acceleration RMS`, desc('Acceleration RMS 10 Hz-10 kHz')), 'g', 1, {
        ...load,
        seed: seed,
        base: 0.3 * level,
        noise: 0.03 * level,
        min: 0,
        decimals: 4,
      }),
      float(txt(`${pos} Acceleration Peak`, desc('Peak acceleration in the 1 s block')), 'g', 1, {
        ...load,
        seed: seed,
        base: 1.1 * level,
        noise: 0.2 * level,
        min: 0,
        decimals: 3,
      }),
      float(txt(`${pos} Crest Factor`, desc('Peak over RMS of acceleration')), '', 1, {
        seed: seed + 10,
        base: 3.4,
        wander: { amplitude: 0.3, periodS: 3_600 },
        noise: 0.25,
        min: 1,
        decimals: 3,
      }),
      float(
        txt(`${pos} Kurtosis`, desc('Kurtosis of acceleration'), 'About 3 for a healthy bearing; impacts from a defect raise it.'),
        '',
        1,
        { seed: seed + 20, base: 3, trendPerDay: defect * 5, noise: 0.15, min: 1.5, decimals: 3 },
      ),
      float(txt(`${pos} Envelope RMS`, desc('Demodulated (envelope) acceleration RMS')), 'gE', 1, {
        seed: seed + 30,
        base: 0.05 * level,
        trendPerDay: defect,
        noise: 0.01,
        min: 0,
        decimals: 4,
      }),
      float(txt(`${pos} 1x Amplitude`, desc('Amplitude at shaft speed')), 'mm/s', 1, {
        ...load,
        seed: seed + 40,
        base: 0.4 * level,
        noise: 0.03,
        min: 0,
        decimals: 3,
      }),
      float(txt(`${pos} 2x Amplitude`, desc('Amplitude at twice shaft speed'), null), 'mm/s', 1, {
        ...load,
        seed: seed + 50,
        base: 0.15 * level,
        noise: 0.02,
        min: 0,
        decimals: 3,
      }),
    );
  });
  return { name: 'CMS WTG-A01', signals };
}

function feeder(name: string, seed: number): DemoDivision['units'][number] {
  const power = { seed, base: 4.5, wander: { amplitude: 6.5, periodS: 5_400 }, min: 0, max: 10.8 };
  return {
    name,
    signals: [
      float(txt('Current', `Phase L1 current, ${name}`), 'A', 1, {
        ...power,
        base: 80,
        wander: { amplitude: 115, periodS: 5_400 },
        min: 0,
        max: 190,
        noise: 1,
        decimals: 1,
      }),
      float(
        txt('Active Power', `Three-phase active power, ${name}`, 'Sum of the three turbines on the string, less cable losses.'),
        'MW',
        1,
        { ...power, noise: 0.02, decimals: 3 },
      ),
      bool(txt('Breaker Closed', `Feeder circuit breaker position, ${name}`), 10, 86_400, 0.99),
    ],
  };
}

export function windFarm(): DemoWorkspace {
  return {
    name: 'Haldane Ridge Wind Farm',
    description: '21.6 MW onshore wind farm: six 3.6 MW turbines, 33 kV collection, 132 kV grid connection',
    assets: [
      {
        name: 'String A',
        type: 'Wind turbine string',
        description: 'Turbines WTG-A01 to WTG-A03 on 33 kV feeder A',
        divisions: [turbine('WTG-A01', 501), turbine('WTG-A02', 502), turbine('WTG-A03', 503)],
      },
      {
        name: 'String B',
        type: 'Wind turbine string',
        description: 'Turbines WTG-B01 to WTG-B03 on 33 kV feeder B',
        divisions: [turbine('WTG-B01', 511), turbine('WTG-B02', 512), turbine('WTG-B03', 513)],
      },
      {
        name: 'Substation HR-33',
        type: 'Electrical substation',
        description: '33/132 kV substation and point of connection',
        divisions: [
          {
            name: '33 kV Switchboard',
            description: 'Indoor switchboard: two feeders and the export bay',
            units: [
              feeder('Feeder A', 520),
              feeder('Feeder B', 521),
              {
                name: 'Export Bay',
                signals: [
                  float(
                    txt(
                      'Export Active Power',
                      'Active power at the point of connection',
                      'Revenue-grade measurement, positive = export to the grid.',
                    ),
                    'MW',
                    1,
                    { seed: 522, base: 9, wander: { amplitude: 13, periodS: 5_400 }, min: -0.2, max: 21.6, noise: 0.03, decimals: 3 },
                  ),
                  float(txt('Export Reactive Power', 'Reactive power at the point of connection'), 'Mvar', 1, {
                    seed: 523,
                    base: 0,
                    steps: { periodS: 21_600, levels: [-2, 0, 0, 1.5] },
                    noise: 0.05,
                    decimals: 3,
                  }),
                  float(txt('Busbar Voltage', '33 kV busbar line-to-line voltage'), 'kV', 1, {
                    seed: 524,
                    base: 33,
                    wander: { amplitude: 0.3, periodS: 1_800 },
                    noise: 0.02,
                    decimals: 3,
                  }),
                  float(txt('Power Factor', 'Power factor at the point of connection'), '', 10, {
                    seed: 525,
                    base: 0.97,
                    wander: { amplitude: 0.02, periodS: 3_600 },
                    max: 1,
                    decimals: 3,
                  }),
                  float(
                    txt(
                      'Export Energy Meter',
                      'Cumulative exported energy since commissioning of the meter',
                      'A counter: rises with export, never decreases.',
                    ),
                    'MWh',
                    900,
                    { seed: 526, base: 12_500, trendPerDay: 165, decimals: 1 },
                  ),
                ],
              },
            ],
          },
          {
            name: 'Transformer T1',
            description: '132/33 kV 25 MVA ONAN/ONAF grid transformer',
            units: [
              {
                name: 'T1 Main Tank',
                signals: [
                  float(txt('Top Oil Temperature', 'Top oil temperature'), '°C', 60, {
                    seed: 522,
                    base: 38,
                    daily: { amplitude: 4, peakHour: 15 },
                    yearly: { amplitude: 6, peakDay: 200 },
                    wander: { amplitude: 9, periodS: 5_400 },
                    noise: 0.2,
                    decimals: 1,
                  }),
                  float(
                    txt(
                      'Winding Hot-Spot Temperature',
                      'Calculated winding hot-spot temperature',
                      'IEC 60076-7 thermal model from top oil and load current.',
                    ),
                    '°C',
                    60,
                    {
                      seed: 522,
                      base: 52,
                      daily: { amplitude: 5, peakHour: 15 },
                      yearly: { amplitude: 6, peakDay: 200 },
                      wander: { amplitude: 16, periodS: 5_400 },
                      noise: 0.3,
                      decimals: 1,
                    },
                  ),
                  float(txt('Tap Position', 'On-load tap changer position', 'Position 0 is nominal ratio; range -8..+8.'), '', 60, {
                    seed: 527,
                    base: 0,
                    steps: { periodS: 28_800, levels: [-2, -1, 0, 0, 1, 2, 3] },
                    decimals: 0,
                  }),
                  bool(txt('Cooling Fans Running', 'ONAF cooling stage in service'), 60, 7_200, 0.3),
                  bool(txt('Buchholz Alarm', 'Gas accumulation alarm from the Buchholz relay'), 600, 86_400, 0.01),
                  json(
                    txt(
                      'Protection Event',
                      'Last protection relay event',
                      'JSON object from the relay event recorder: function, phase, trip, and the current at pickup.',
                    ),
                    900,
                    {
                      function: { choice: ['none', 'none', 'none', '51 overcurrent', '87T differential', '49 thermal'] },
                      phase: { choice: ['L1', 'L2', 'L3', 'N'] },
                      trip: { choice: [false, false, false, true] },
                      pickupCurrentA: { range: [0, 480], decimals: 1 },
                    },
                  ),
                ],
              },
            ],
          },
        ],
      },
      {
        name: 'Met Mast M1',
        type: 'Meteorological mast',
        description: '80 m lattice met mast, 300 m upwind of WTG-A01',
        divisions: [
          {
            name: 'Instruments',
            description: null,
            units: [
              {
                name: 'Mast Top',
                signals: [
                  float(txt('Wind Speed 80 m', 'Cup anemometer at 80 m', 'Class 1 cup anemometer, calibrated per MEASNET.'), 'm/s', 1, {
                    ...windShape(FARM_SEED),
                    noise: 0.5,
                  }),
                  float(txt('Wind Speed 60 m', 'Cup anemometer at 60 m'), 'm/s', 1, { ...windShape(FARM_SEED), base: 7.0, noise: 0.5 }),
                  float(txt('Wind Direction 78 m', 'Wind vane at 78 m'), '°', 1, {
                    seed: FARM_SEED + 1,
                    base: 235,
                    wander: { amplitude: 70, periodS: 14_400 },
                    noise: 3,
                    min: 0,
                    max: 359.9,
                    decimals: 1,
                  }),
                  bool(txt('Icing Detected', 'Heated vs unheated anemometer disagreement indicates icing'), 600, 21_600, 0.05),
                ],
              },
              {
                name: 'Mast Base',
                signals: [
                  float(
                    txt(
                      'Air Temperature (legacy sensor)',
                      'Air temperature at 2 m, original sensor',
                      'Replaced on 2025-03-15; see Air Temperature.',
                    ),
                    '°C',
                    60,
                    {
                      seed: 7,
                      base: 9.4,
                      daily: { amplitude: 3.5, peakHour: 14 },
                      yearly: { amplitude: 7, peakDay: 205 },
                      wander: { amplitude: 2, periodS: 86_400 },
                      noise: 0.2,
                      decimals: 1,
                    },
                    { activeUntil: '2025-03-15T00:00:00Z' },
                  ),
                  float(
                    txt('Air Temperature', 'Air temperature at 2 m', 'Aspirated PT100 radiation shield, installed 2025-03-15.'),
                    '°C',
                    60,
                    {
                      seed: 7,
                      base: 9.4,
                      daily: { amplitude: 3.5, peakHour: 14 },
                      yearly: { amplitude: 7, peakDay: 205 },
                      wander: { amplitude: 2, periodS: 86_400 },
                      noise: 0.05,
                      decimals: 2,
                    },
                    { activeFrom: '2025-03-15T00:00:00Z' },
                  ),
                  float(txt('Relative Humidity', 'Relative humidity at 2 m'), '%', 60, {
                    seed: 8,
                    base: 78,
                    daily: { amplitude: -12, peakHour: 14 },
                    wander: { amplitude: 10, periodS: 43_200 },
                    min: 20,
                    max: 100,
                    noise: 0.5,
                    decimals: 1,
                  }),
                  float(txt('Barometric Pressure', 'Station pressure'), 'hPa', 60, {
                    seed: 10,
                    base: 1004,
                    wander: { amplitude: 18, periodS: 259_200 },
                    noise: 0.1,
                    decimals: 1,
                  }),
                  float(txt('Precipitation Rate', 'Rain gauge, tipping bucket'), 'mm/h', 600, {
                    seed: 11,
                    base: -0.8,
                    wander: { amplitude: 2.5, periodS: 21_600 },
                    min: 0,
                    decimals: 1,
                  }),
                  float(txt('Global Irradiance', 'Global horizontal irradiance'), 'W/m²', 60, {
                    seed: 12,
                    base: -120,
                    daily: { amplitude: 420, peakHour: 12.5 },
                    yearly: { amplitude: 160, peakDay: 172 },
                    wander: { amplitude: 60, periodS: 3_600 },
                    min: 0,
                    decimals: 0,
                  }),
                ],
              },
            ],
          },
        ],
      },
      {
        name: 'Condition Monitoring',
        type: 'Vibration monitoring system',
        description: 'Drivetrain condition monitoring pilot, 1 s feature values',
        divisions: [
          {
            name: 'Drivetrain CMS',
            description: 'Eight accelerometers per turbine, features computed on the edge device',
            units: [cmsUnit()],
          },
        ],
      },
    ],
  };
}
