/*
 * The plant units `convert(x, "from", "to")` knows: temperature, pressure, volume and mass flow,
 * power, energy and speed. Each is `base = (x + offset) × num / den` in its quantity's base unit
 * (°C, Pa, m³/s, kg/s, W, J, m/s), kept as a ratio so that a conversion multiplies once and divides
 * once by whole numbers where it can: 100 °C is 212 °F exactly, 5 kWh is 0.005 MWh exactly. A unit
 * is named by its symbol as the catalog writes it (`°C`, `m³/h`) or in ASCII (`degC`, `m3/h`), case
 * and all: `MW` is not `mW`. Anything else is refused, with the units of that quantity listed.
 */

export type Quantity = 'temperature' | 'pressure' | 'volume flow' | 'mass flow' | 'power' | 'energy' | 'speed';

interface UnitDef {
  quantity: Quantity;
  /** What the preview shows. */
  symbol: string;
  /** Other ways to write it. */
  aliases: string[];
  num: number;
  den: number;
  offset: number;
}

const u = (quantity: Quantity, symbol: string, aliases: string[], num: number, den = 1, offset = 0): UnitDef => ({
  quantity,
  symbol,
  aliases,
  num,
  den,
  offset,
});

// psi: 1 lbf/in² = 0.45359237 kg × 9.80665 m/s² / 0.0254² m²; hp: 550 ft·lbf/s; BTU: the IT one.
const UNITS: UnitDef[] = [
  u('temperature', '°C', ['degC'], 1),
  u('temperature', '°F', ['degF'], 5, 9, -32),
  u('temperature', 'K', ['kelvin'], 1, 1, -273.15),
  u('pressure', 'Pa', [], 1),
  u('pressure', 'hPa', [], 100),
  u('pressure', 'kPa', [], 1_000),
  u('pressure', 'MPa', [], 1_000_000),
  u('pressure', 'mbar', [], 100),
  u('pressure', 'bar', [], 100_000),
  u('pressure', 'psi', [], 6894.757293168361),
  u('pressure', 'atm', [], 101_325),
  u('pressure', 'mmHg', [], 133.322387415),
  u('volume flow', 'm³/s', ['m3/s'], 1),
  u('volume flow', 'm³/h', ['m3/h'], 1, 3_600),
  u('volume flow', 'L/s', ['l/s'], 1, 1_000),
  u('volume flow', 'L/min', ['l/min'], 1, 60_000),
  u('volume flow', 'L/h', ['l/h'], 1, 3_600_000),
  u('volume flow', 'ML/d', ['Ml/d'], 1_000, 86_400),
  u('volume flow', 'gal/min', ['gpm'], 0.003785411784, 60),
  u('mass flow', 'kg/s', [], 1),
  u('mass flow', 'kg/h', [], 1, 3_600),
  u('mass flow', 't/h', [], 1_000, 3_600),
  u('mass flow', 'lb/h', [], 0.45359237, 3_600),
  u('power', 'W', [], 1),
  u('power', 'kW', [], 1_000),
  u('power', 'MW', [], 1_000_000),
  u('power', 'GW', [], 1_000_000_000),
  u('power', 'hp', [], 745.6998715822702),
  u('energy', 'J', [], 1),
  u('energy', 'kJ', [], 1_000),
  u('energy', 'MJ', [], 1_000_000),
  u('energy', 'GJ', [], 1_000_000_000),
  u('energy', 'Wh', [], 3_600),
  u('energy', 'kWh', [], 3_600_000),
  u('energy', 'MWh', [], 3_600_000_000),
  u('energy', 'GWh', [], 3_600_000_000_000),
  u('energy', 'BTU', ['Btu'], 1055.05585262),
  u('speed', 'm/s', [], 1),
  u('speed', 'mm/s', [], 1, 1_000),
  u('speed', 'km/h', ['kph'], 1_000, 3_600),
  u('speed', 'mph', [], 1609.344, 3_600),
  u('speed', 'kn', ['knot', 'knots'], 1_852, 3_600),
  u('speed', 'ft/s', [], 0.3048),
];

const BY_NAME = new Map<string, UnitDef>(UNITS.flatMap((d) => [d.symbol, ...d.aliases].map((n) => [n, d] as const)));

export interface UnitInfo {
  quantity: Quantity;
  symbol: string;
}

export function findUnit(name: string): UnitInfo | null {
  const d = BY_NAME.get(name);
  return d ? { quantity: d.quantity, symbol: d.symbol } : null;
}

/** The symbols of a quantity, or of all, for messages: `°C, °F, K`. */
export function unitsOf(quantity?: Quantity): string[] {
  return UNITS.filter((d) => !quantity || d.quantity === quantity).map((d) => d.symbol);
}

export const QUANTITIES: readonly Quantity[] = [...new Set(UNITS.map((d) => d.quantity))];

/** `y = (x + before) × num / den + after`, num/den in lowest terms where both are whole. */
export interface Conversion {
  before: number;
  num: number;
  den: number;
  after: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** How to convert between two units of the same quantity (null when either is unknown or they differ). */
export function conversion(from: string, to: string): Conversion | null {
  const a = BY_NAME.get(from);
  const b = BY_NAME.get(to);
  if (!a || !b || a.quantity !== b.quantity) return null;
  let num = a.num * b.den;
  let den = a.den * b.num;
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) {
    const g = gcd(num, den);
    num /= g;
    den /= g;
  }
  return { before: a.offset, num, den, after: -b.offset };
}

/** One value converted (what the evaluator does per row, written once here for the tests and the window). */
export const applyConversion = (c: Conversion, x: number) => ((x + c.before) * c.num) / c.den + c.after;
