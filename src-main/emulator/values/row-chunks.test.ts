import { describe, expect, it } from 'vitest';
import { demoCatalog, signalNamed } from '../testing/fixture';
import { rowChunks, type ColumnChunk, type RowChunk } from './row-chunks';
import { valueAt } from './value-at';

const start = Date.parse('2025-02-03T10:00:00Z');

function cell(col: ColumnChunk, r: number): number | boolean | string | null {
  if (col.kind === 'text') return col.values[r] ?? null;
  if (!col.valid[r]) return null;
  return col.kind === 'float' ? col.values[r]! : col.values[r] === 1;
}

function rows(chunks: RowChunk[]): { t: number; cells: (number | boolean | string | null)[] }[] {
  return chunks.flatMap((c) =>
    Array.from({ length: c.length }, (_, r) => ({ t: c.timestamps[r]!, cells: c.columns.map((col) => cell(col, r)) })),
  );
}

describe('rowChunks', () => {
  const fast = signalNamed('CMS WTG-A01', 'Main Bearing Velocity RMS'); // 1 s
  const ten = signalNamed('Raw Water Pumps', 'Raw Water Flow'); // 10 s
  const minute = signalNamed('Raw Water Quality', 'Conductivity'); // 60 s
  const state = signalNamed('Raw Water Pumps', 'Pump 1 Running'); // boolean, 10 s

  it('makes one row per timestamp of any signal in [start, end), values from valueAt, null elsewhere', () => {
    const signals = [minute, ten, state];
    const window = { startMs: start + 5_000, endMs: start + 125_000 };
    const out = rows([...rowChunks(signals, window)]);
    const expectedTimes = [];
    for (let t = start + 10_000; t < window.endMs; t += 10_000) expectedTimes.push(t);
    expect(out.map((r) => r.t)).toEqual(expectedTimes);
    for (const r of out) expect(r.cells).toEqual(signals.map((s) => valueAt(s, r.t)));
    // 60 s signal only at whole minutes.
    expect(out.filter((r) => r.cells[0] !== null).map((r) => r.t)).toEqual([start + 60_000, start + 120_000]);
  });

  it('gives the same rows whatever the chunk size, with ascending unique timestamps', () => {
    const signals = [fast, ten, minute];
    const window = { startMs: start, endMs: start + 1_000_000 };
    const big = [...rowChunks(signals, window, 65_536)];
    const small = [...rowChunks(signals, window, 777)];
    expect(big).toHaveLength(1);
    expect(small.length).toBeGreaterThan(1);
    expect(small.slice(0, -1).every((c) => c.length === 777)).toBe(true);
    expect(rows(small)).toEqual(rows(big));
    const times = rows(big).map((r) => r.t);
    expect(times).toHaveLength(1000);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
  });

  it('leaves out times at which every requested signal is in a gap, and counts nulls', () => {
    const wind = signalNamed('Nacelle', 'Wind Speed');
    // Find a gap of this turbine.
    let gapAt = 0;
    for (let t = demoCatalog().originMs; !gapAt; t += 60_000) if (valueAt(wind, t) === null) gapAt = t;
    const window = { startMs: gapAt - 600_000, endMs: gapAt + 600_000 };
    const out = [...rowChunks([wind], window)];
    const times = rows(out).map((r) => r.t);
    expect(times).not.toContain(gapAt);
    expect(out.every((c) => c.columns[0]!.nullCount === 0)).toBe(true);
    const withOther = [...rowChunks([wind, fast], window)];
    expect(rows(withOther).some((r) => r.t === gapAt && r.cells[0] === null)).toBe(true);
    expect(withOther.reduce((n, c) => n + c.columns[0]!.nullCount, 0)).toBeGreaterThan(0);
  });
});
