import { bool, float, json, states, txt, type DemoWorkspace } from './demo-builders';
import { DEMAND } from './demo-water-demand';

/*
 * Riverside's downstream assets: chlorination, the treated-water reservoir, the compliance lab
 * and sludge handling. Reservoir level and outflow follow the works' demand cycle.
 */

export function disinfectionAndSludge(): DemoWorkspace['assets'] {
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
                float(
                  txt('Free Chlorine Residual', 'Free chlorine after dosing', 'Trimmed to 1.1 mg/L by the dosing controller.'),
                  'mg/L',
                  10,
                  { seed: 650, base: 1.1, wander: { amplitude: 0.12, periodS: 3_600 }, noise: 0.02, min: 0, decimals: 3 },
                ),
                float(txt('Hypochlorite Dose Rate', 'Sodium hypochlorite (14-15 %) pump rate'), 'L/h', 10, {
                  ...DEMAND,
                  base: 14,
                  daily: { amplitude: 2.5, peakHour: 19 },
                  wander: { amplitude: 1, periodS: 21_600 },
                  noise: 0.3,
                  decimals: 2,
                }),
                bool(txt('Dosing Pump A Running', 'Duty hypochlorite pump A'), 10, 28_800, 0.5, { seed: 651 }),
                bool(txt('Dosing Pump B Running', 'Duty hypochlorite pump B'), 10, 28_800, 0.5, { seed: 652 }),
                float(txt('Final Water pH', 'pH after lime correction'), 'pH', 60, {
                  seed: 653,
                  base: 7.8,
                  wander: { amplitude: 0.1, periodS: 43_200 },
                  noise: 0.01,
                  decimals: 2,
                }),
                json(
                  txt(
                    'Alarm Events',
                    'Latest alarm from the chlorination PLC',
                    'JSON object: tag, priority, active, and the analogue value at the alarm.',
                  ),
                  900,
                  {
                    tag: { choice: ['none', 'none', 'none', 'CL2_RESID_LO', 'CL2_RESID_HI', 'DOSE_PUMP_FAIL', 'TANK_LEVEL_LO'] },
                    priority: { choice: [1, 2, 3] },
                    active: { choice: [false, false, true] },
                    value: { range: [0.4, 1.8], decimals: 2 },
                  },
                ),
              ],
            },
            {
              name: 'Contact Tank',
              signals: [
                float(txt('CT Value', 'Disinfection contact time x concentration', 'Must stay above 15 mg·min/L.'), 'mg·min/L', 600, {
                  seed: 654,
                  base: 38,
                  wander: { amplitude: 4, periodS: 21_600 },
                  decimals: 1,
                }),
                float(txt('Outlet Chlorine', 'Free chlorine at the contact tank outlet'), 'mg/L', 60, {
                  seed: 650,
                  base: 0.95,
                  wander: { amplitude: 0.1, periodS: 3_600 },
                  noise: 0.01,
                  decimals: 3,
                }),
                float(txt('Tank Level', 'Contact tank level'), 'm', 60, {
                  ...DEMAND,
                  base: 3.6,
                  daily: { amplitude: -0.2, peakHour: 19 },
                  wander: { amplitude: 0.05, periodS: 21_600 },
                  decimals: 2,
                }),
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
                float(txt('Level', 'Reservoir water level', 'Drawn down by evening demand, refilled overnight.'), 'm', 60, {
                  ...DEMAND,
                  base: 4.2,
                  daily: { amplitude: 0.8, peakHour: 5 },
                  wander: { amplitude: 0.2, periodS: 21_600 },
                  decimals: 3,
                }),
                float(txt('Stored Volume', 'Volume in store'), 'm³', 600, {
                  ...DEMAND,
                  base: 10_080,
                  daily: { amplitude: 1_920, peakHour: 5 },
                  wander: { amplitude: 480, periodS: 21_600 },
                  decimals: 0,
                }),
                float(txt('Outlet Flow', 'Flow into supply'), 'm³/h', 60, {
                  ...DEMAND,
                  base: 1_200,
                  daily: { amplitude: 400, peakHour: 19 },
                  noise: 8,
                  decimals: 1,
                }),
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
                json(
                  txt(
                    'Final Water Sample',
                    'Result of the latest compliance sample',
                    'JSON object per sample: sampleId, point, E. coli and coliform counts per 100 mL, turbidity, free chlorine, analyst initials.',
                  ),
                  900,
                  {
                    sampleId: { sequence: 'RWT-' },
                    point: { choice: ['Final water', 'Reservoir R1 outlet'] },
                    eColiPer100ml: { choice: [0, 0, 0, 0, 0, 0, 0, 1] },
                    coliformsPer100ml: { choice: [0, 0, 0, 0, 1, 2] },
                    turbidityNtu: { range: [0.05, 0.3], decimals: 2 },
                    freeChlorineMgL: { range: [0.8, 1.3], decimals: 2 },
                    analyst: { choice: ['JM', 'AK', 'RS'] },
                  },
                ),
                states(
                  txt('Sample Status', 'Laboratory status of the latest sample'),
                  900,
                  900,
                  ['Passed', 'Pending', 'Resample requested'],
                  [85, 12, 3],
                ),
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
                float(txt('Sludge Blanket Level', 'Sludge blanket depth below the surface'), 'm', 60, {
                  seed: 660,
                  base: 2.4,
                  wander: { amplitude: 0.5, periodS: 43_200 },
                  decimals: 2,
                }),
                float(txt('Polymer Dose', 'Polyelectrolyte dose'), 'kg/tDS', 60, {
                  seed: 661,
                  base: 0,
                  steps: { periodS: 86_400, levels: [4, 4.5, 5] },
                  noise: 0.05,
                  decimals: 2,
                }),
                bool(txt('Underflow Pump Running', 'Thickened sludge pump running'), 60, 1_800, 0.4),
              ],
            },
            {
              name: 'Centrifuge C1',
              signals: [
                float(txt('Bowl Speed', 'Centrifuge bowl speed'), 'rpm', 1, {
                  seed: 662,
                  base: 0,
                  steps: { periodS: 14_400, levels: [0, 3_150, 3_200, 3_200] },
                  noise: 3,
                  min: 0,
                  decimals: 0,
                }),
                float(txt('Differential Speed', 'Scroll to bowl speed difference'), 'rpm', 10, {
                  seed: 663,
                  base: 6,
                  wander: { amplitude: 1.5, periodS: 3_600 },
                  noise: 0.1,
                  min: 0,
                  decimals: 2,
                }),
                float(txt('Feed Flow', 'Sludge feed flow'), 'm³/h', 10, {
                  seed: 664,
                  base: 12,
                  wander: { amplitude: 3, periodS: 3_600 },
                  noise: 0.2,
                  min: 0,
                  decimals: 2,
                }),
                states(
                  txt('Centrifuge State', 'Centrifuge sequence state'),
                  60,
                  7_200,
                  ['Running', 'Flushing', 'Stopped', 'Fault'],
                  [60, 5, 33, 2],
                ),
                float(txt('Bearing Vibration', 'Main bearing vibration velocity'), 'mm/s', 1, {
                  seed: 665,
                  base: 2.1,
                  wander: { amplitude: 0.6, periodS: 1_800 },
                  noise: 0.15,
                  min: 0,
                  decimals: 2,
                }),
              ],
            },
          ],
        },
      ],
    },
  ];
}
