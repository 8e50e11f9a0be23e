/** The works' demand cycle (peaks in the evening): flows, dosing and reservoir levels share it. */
export const DEMAND = { seed: 600, daily: { amplitude: 380, peakHour: 19 }, wander: { amplitude: 90, periodS: 21_600 } };
