import { describe, expect, it } from 'vitest';
import { applyConversion, conversion, findUnit, QUANTITIES, unitsOf } from './units';

const convert = (x: number, from: string, to: string) => {
  const c = conversion(from, to);
  if (!c) throw new Error(`no conversion ${from} -> ${to}`);
  return applyConversion(c, x);
};

describe('unit conversions', () => {
  it('temperature, exactly where the numbers are round', () => {
    expect(convert(100, 'degC', 'degF')).toBe(212);
    expect(convert(-40, '°C', '°F')).toBe(-40);
    expect(convert(212, 'degF', 'degC')).toBe(100);
    expect(convert(32, 'degF', 'K')).toBe(273.15);
    expect(convert(0, 'K', 'degC')).toBe(-273.15);
    expect(convert(37, 'degC', 'degF')).toBeCloseTo(98.6, 12);
    expect(convert(300, 'kelvin', 'degF')).toBeCloseTo(80.33, 12);
  });

  it('pressure, flow, power, energy, speed', () => {
    expect(convert(1, 'bar', 'kPa')).toBe(100);
    expect(convert(1013.25, 'hPa', 'atm')).toBe(1);
    expect(convert(1, 'psi', 'Pa')).toBe(6894.757293168361);
    expect(convert(14.5037738, 'psi', 'bar')).toBeCloseTo(1, 7);
    expect(convert(1, 'mbar', 'Pa')).toBe(100);
    expect(convert(3600, 'm³/h', 'm3/s')).toBe(1);
    expect(convert(1, 'L/s', 'm³/h')).toBe(3.6);
    expect(convert(1, 'ML/d', 'm³/h')).toBeCloseTo(41.6666666667, 9);
    expect(convert(1, 'gpm', 'L/min')).toBeCloseTo(3.785411784, 12);
    expect(convert(36, 't/h', 'kg/s')).toBe(10);
    expect(convert(3.6, 'MW', 'kW')).toBe(3600);
    expect(convert(1, 'hp', 'kW')).toBeCloseTo(0.7457, 4);
    expect(convert(5, 'kWh', 'MWh')).toBe(0.005);
    expect(convert(1, 'kWh', 'MJ')).toBe(3.6);
    expect(convert(1, 'BTU', 'J')).toBe(1055.05585262);
    expect(convert(36, 'km/h', 'm/s')).toBe(10);
    expect(convert(1, 'kn', 'km/h')).toBe(1.852);
    expect(convert(60, 'mph', 'km/h')).toBeCloseTo(96.56064, 10);
    expect(convert(1, 'm/s', 'mm/s')).toBe(1000);
  });

  it('every unit converts to every other of its quantity and back', () => {
    for (const q of QUANTITIES) {
      for (const a of unitsOf(q)) for (const b of unitsOf(q)) expect(convert(convert(12.5, a, b), b, a)).toBeCloseTo(12.5, 9);
    }
  });

  it('refuses unknown units and other quantities, and tells MW from mW', () => {
    expect(conversion('degC', 'bar')).toBeNull();
    expect(conversion('furlong', 'm/s')).toBeNull();
    expect(findUnit('mW')).toBeNull();
    expect(findUnit('MW')).toEqual({ quantity: 'power', symbol: 'MW' });
    expect(findUnit('m3/h')).toEqual({ quantity: 'volume flow', symbol: 'm³/h' });
  });
});
