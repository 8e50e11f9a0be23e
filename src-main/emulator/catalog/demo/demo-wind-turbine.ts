import { bool, float, json, states, txt, type DemoDivision, type FloatShape } from './demo-builders';

/*
 * One 3.6 MW turbine's SCADA signals. Everything driven by wind shares the turbine's seed, so
 * power, rotor speed, pitch and temperatures follow its wind speed through turbine curves.
 */

const RATED_KW = 3600;

/** The turbine's hub-height wind, before turbulence. */
export function windShape(seed: number): FloatShape {
  return {
    seed,
    base: 7.6,
    daily: { amplitude: 1.1, peakHour: 15 },
    yearly: { amplitude: 1.4, peakDay: 20 },
    wander: { amplitude: 6.5, periodS: 5400 },
    min: 0,
    decimals: 2,
  };
}

/** A quantity that follows the wind through a curve: idle below cut-in, `max` from `rated`. */
function follows(seed: number, max: number, idle: number, exponent: number, noise: number, decimals: number, rated = 12.5): FloatShape {
  const { min: _min, ...wind } = windShape(seed);
  return { ...wind, curve: { cutIn: 3, rated, cutOut: 25, max, idle, exponent }, noise, decimals };
}

// A few communication outages per turbine per month, shared by all its signals.
const COMMS_GAPS = { bucketS: 3 * 86_400, probability: 0.35, lengthS: 2_700 };

export function turbine(name: string, seed: number): DemoDivision {
  const g = { gaps: { ...COMMS_GAPS, seed } };
  const t = (n: string, d: string, l: string | null = null) => txt(n, `${d} (${name})`, l);
  return {
    name,
    description: `3.6 MW geared turbine, 126 m rotor, 87 m hub height`,
    units: [
      {
        name: 'Nacelle',
        signals: [
          float(
            t(
              'Wind Speed',
              'Hub-height wind speed from the nacelle anemometer',
              'Ultrasonic anemometer on the nacelle roof, corrected for rotor wake by the nacelle transfer function. 1 s samples.',
            ),
            'm/s',
            1,
            { ...windShape(seed), noise: 0.6 },
            g,
          ),
          float(
            t('Wind Direction', 'Absolute wind direction', 'Nacelle position plus the wind vane reading; 0° is north, clockwise.'),
            '°',
            1,
            { seed: seed + 50, base: 235, wander: { amplitude: 70, periodS: 14_400 }, noise: 4, min: 0, max: 359.9, decimals: 1 },
            g,
          ),
          float(
            t('Nacelle Position', 'Yaw position of the nacelle'),
            '°',
            10,
            { seed: seed + 50, base: 235, wander: { amplitude: 70, periodS: 14_400 }, noise: 1, min: 0, max: 359.9, decimals: 1 },
            g,
          ),
          float(
            t(
              'Yaw Misalignment',
              'Angle between wind and rotor axis',
              'Positive when the wind comes from the right of the rotor axis seen from behind. The yaw drive corrects sustained errors above 8°.',
            ),
            '°',
            1,
            { base: 0, wander: { amplitude: 3, periodS: 600 }, noise: 5, decimals: 1 },
            g,
          ),
          float(
            t('Ambient Temperature', 'Outside air temperature at the nacelle'),
            '°C',
            60,
            {
              seed: 7,
              base: 9,
              daily: { amplitude: 3, peakHour: 14 },
              yearly: { amplitude: 7, peakDay: 205 },
              wander: { amplitude: 2, periodS: 86_400 },
              noise: 0.1,
              decimals: 1,
            },
            g,
          ),
        ],
      },
      {
        name: 'Rotor',
        signals: [
          float(
            t('Rotor Speed', 'Rotor speed', 'Low-speed shaft speed. Idles near 1.2 rpm below cut-in (3 m/s), 14.8 rpm at rated wind.'),
            'rpm',
            1,
            follows(seed, 14.8, 1.2, 0.8, 0.05, 2, 10),
            g,
          ),
          ...['A', 'B', 'C'].map((b) =>
            float(
              t(
                `Pitch Angle Blade ${b}`,
                `Pitch angle of blade ${b}`,
                'Near 0° below rated wind; pitches out above rated to hold rated power.',
              ),
              '°',
              1,
              { ...follows(seed, 24, 0, 1, 0.1, 2, 25), curve: { cutIn: 12.5, rated: 25, cutOut: 30, max: 24, idle: 0, exponent: 1 } },
              g,
            ),
          ),
          bool(t('Pitch System OK', 'All three pitch drives healthy and batteries charged'), 10, 7_200, 0.97, g),
        ],
      },
      {
        name: 'Drivetrain',
        signals: [
          float(
            t('Generator Speed', 'High-speed shaft / generator speed', 'Gear ratio about 1:113.5.'),
            'rpm',
            1,
            follows(seed, 1680, 140, 0.8, 4, 1, 10),
            g,
          ),
          float(t('Gearbox Oil Temperature', 'Gearbox sump oil temperature'), '°C', 60, follows(seed, 68, 38, 1.5, 0.3, 1), g),
          float(
            t(
              'Gearbox HSS Bearing Temperature',
              'High-speed shaft bearing temperature, generator side',
              'Alarm at 90 °C, turbine stop at 95 °C.',
            ),
            '°C',
            60,
            follows(seed, 78, 40, 1.5, 0.4, 1),
            g,
          ),
          float(t('Main Bearing Temperature', 'Main shaft bearing temperature'), '°C', 60, follows(seed, 41, 22, 1.2, 0.2, 1), g),
          float(
            t('Generator Winding Temperature', 'Stator winding temperature, hottest of three PT100s'),
            '°C',
            60,
            follows(seed, 105, 45, 1.6, 0.5, 1),
            g,
          ),
          float(t('Gearbox Oil Pressure', 'Lubrication oil pressure after the filter'), 'bar', 10, follows(seed, 3.2, 0.6, 1, 0.05, 2), g),
        ],
      },
      {
        name: 'Converter',
        signals: [
          float(
            t(
              'Active Power',
              'Active power at the turbine terminals',
              'Positive = export. Follows the power curve: cut-in 3 m/s, rated 3600 kW at 12.5 m/s, cut-out 25 m/s.',
            ),
            'kW',
            1,
            follows(seed, RATED_KW, 0, 2.2, 15, 1),
            g,
          ),
          float(
            t(
              'Reactive Power',
              'Reactive power at the turbine terminals',
              'Set by the park controller to meet the grid code power factor.',
            ),
            'kvar',
            1,
            { seed: seed + 60, base: 0, steps: { periodS: 21_600, levels: [-300, 0, 0, 150] }, noise: 20, decimals: 1 },
            g,
          ),
          float(
            t('Grid Frequency', 'Grid frequency measured by the converter'),
            'Hz',
            1,
            { seed: 9, base: 50, wander: { amplitude: 0.06, periodS: 300 }, noise: 0.005, decimals: 3 },
            g,
          ),
          float(
            t('Grid Voltage', 'Line-to-line voltage, low-voltage side'),
            'V',
            1,
            { seed: seed + 70, base: 690, wander: { amplitude: 6, periodS: 1_200 }, noise: 1.5, decimals: 1 },
            g,
          ),
          float(
            t(
              'Active Power 10-min Average',
              'IEC 61400-25 ten-minute mean of active power',
              'Timestamped at the start of the averaging interval.',
            ),
            'kW',
            600,
            follows(seed, RATED_KW, 0, 2.2, 0, 1),
            g,
          ),
          float(t('Energy Since Midnight', 'Energy exported since 00:00 UTC', 'Resets at midnight UTC.'), 'kWh', 600, {
            seed,
            base: 0,
            sawtooth: { amplitude: 38_000, periodS: 86_400 },
            decimals: 0,
          }),
          states(
            t(
              'Operating State',
              'Turbine state machine',
              'One of Production, Idle (low wind), Curtailed, Stopped (fault), Maintenance, Stopped (high wind).',
            ),
            10,
            1_800,
            ['Production', 'Idle (low wind)', 'Curtailed', 'Stopped (fault)', 'Maintenance', 'Stopped (high wind)'],
            [70, 15, 6, 3, 4, 2],
            g,
          ),
          bool(t('Curtailment Active', 'Output limited by the grid operator or the park controller'), 60, 3_600, 0.08),
          json(
            t(
              'Fault Log',
              'Most recent controller event',
              'JSON object: code (0 = none), severity, acknowledged, count of repeats in the interval.',
            ),
            900,
            {
              code: { choice: [0, 0, 0, 0, 0, 0, 1007, 2311, 3120, 4507] },
              severity: { choice: ['info', 'info', 'warning', 'alarm'] },
              acknowledged: { choice: [true, true, false] },
              count: { range: [0, 5], decimals: 0 },
            },
          ),
        ],
      },
    ],
  };
}
