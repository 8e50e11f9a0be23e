import { describe, expect, it } from 'vitest';
import { commandLineArgs, copyAsCommandLine, copyAsPython, shellWord, type SaveChoice } from './copy-as-code';
import type { ExportRequest } from './exports';

const ref = (id: number, name: string) => ({ id, name });
const request: ExportRequest = {
  connectionId: 'demo',
  signals: [
    {
      id: 7,
      name: 'Wind Speed',
      physicalUnit: 'm/s',
      dataType: 'float',
      description: '',
      longDescription: '',
      workspace: ref(1, 'Haldane'),
      asset: ref(2, 'String A'),
      division: ref(3, 'WTG-A01'),
      unit: ref(4, 'Nacelle'),
      rename: 'wind',
    },
  ],
  timeWindow: { start: '2025-03-01T00:00:00.250Z', end: '2025-03-02T00:00:00Z' },
  format: 'parquet',
  values: { kind: 'raw' },
  derivations: {
    derived: [{ name: 'avg', expression: 'rolling_mean(wind, 10m)' }],
    conditions: [{ name: 'calm', expression: 'wind < 3 for 5m', statsOf: 'avg' }],
  },
};
const save: SaveChoice = { output: 'out.csv', format: 'csv', layout: 'file', timeZone: 'UTC', localTimeColumn: false, excelLocale: null };

describe('copy as code', () => {
  it('quotes for a POSIX shell only what needs it', () => {
    expect(shellWord('out.csv')).toBe('out.csv');
    expect(shellWord("it's here")).toBe(`'it'\\''s here'`);
    expect(shellWord('a b$c')).toBe(`'a b$c'`);
  });

  it('writes every part of the request as the command line reads it', () => {
    expect(
      commandLineArgs(request, { ...save, values: { kind: 'every', interval: '15m', fns: ['mean', 'max'], timeZone: 'Europe/Lisbon' } }),
    ).toEqual([
      '--signals-json',
      '[{"workspace":"Haldane","asset":"String A","division":"WTG-A01","unit":"Nacelle","signal":"Wind Speed","rename":"wind"}]',
      '--start',
      '2025-03-01T00:00:00.250Z',
      '--end',
      '2025-03-02T00:00:00Z',
      '--format',
      'parquet',
      '--tz',
      'Europe/Lisbon',
      '--every',
      '15m',
      '--agg',
      'mean,max',
      '--derive',
      'avg=rolling_mean(wind, 10m)',
      '--condition',
      'calm=wind < 3 for 5m',
      '--condition-stats',
      'calm=avg',
      '--output',
      'out.csv',
    ]);
    expect(copyAsCommandLine(request, save, 'https://api.apps.nor.tech')).toMatch(
      /^NORTECH_API_URL=https:\/\/api\.apps\.nor\.tech npm run -s cli -- export --signals-json '\[.*\]' --start/,
    );
  });

  it("writes Python with Nortech's SDK: the signals, the window in UTC, the names, the file", () => {
    const text = copyAsPython(
      request,
      { ...save, values: { kind: 'every', interval: '15m', fns: ['mean'], timeZone: 'UTC' } },
      'https://x',
    );
    expect(text).toContain(
      '{"workspace": "Haldane", "asset": "String A", "division": "WTG-A01", "unit": "Nacelle", "signal": "Wind Speed"}',
    );
    expect(text).toContain(
      'TimeWindow(start=datetime(2025, 3, 1, 0, 0, 0, 250000, tzinfo=timezone.utc), end=datetime(2025, 3, 2, 0, 0, 0, tzinfo=timezone.utc))',
    );
    expect(text).toContain('df = nortech.datatools.pandas.get_df(signals=signals, time_window=time_window)');
    expect(text).toContain('"Haldane/String A/WTG-A01/Nacelle/Wind Speed": "wind",');
    expect(text).toContain('.resample("15min").agg(["mean"])');
    // Derivations as pandas, before the aggregation (as the app derives them), the periods beside the file.
    const derived = text.indexOf('df["avg"] = _finite(_num(df["wind"]).rolling("10min").mean())');
    expect(derived).toBeGreaterThan(0);
    expect(derived).toBeLessThan(text.indexOf('.resample('));
    expect(text).toContain('    _periods("calm", _cmp(df["wind"], "<", 3), stats=df["avg"], keep=lambda duration_s: duration_s >= 300),');
    expect(text).toContain('import numpy as np\nimport pandas as pd\n');
    expect(text).not.toContain('npm run');
    expect(text.trimEnd().endsWith('df.to_csv("out.csv")\nperiods.to_csv("out-periods.csv")')).toBe(true);
  });
});
