import { describe, expect, it } from 'vitest';
import { fileNameFor, templateIssue } from './recipe-template';
import { readRecipe, recipeSaveFormat } from './recipes';

const base = {
  kind: 'signal-explorer-recipe',
  version: 1,
  name: 'Press daily',
  signals: [{ path: 'W/A/D/U/Pressure', column: 'p' }, { id: 7 }],
  window: { start: 'now-1d/d', end: 'now-1d/d', timeZone: 'Europe/Lisbon' },
  output: { folder: 'out', fileName: 'press-{start:yyyy-MM-dd}.parquet' },
};

describe('the recipe schema', () => {
  it('reads a recipe with its defaults', () => {
    const r = readRecipe(base);
    expect(r.ok && r.recipe).toMatchObject({ format: 'parquet', values: { kind: 'raw' }, window: { weekStart: 'monday' } });
    expect(r.ok && recipeSaveFormat(r.recipe)).toBe('parquet');
  });

  it('refuses another version before reading anything else', () => {
    expect(readRecipe({ ...base, version: 2, whatever: 1 })).toEqual({
      ok: false,
      issues: ['version: 2 is not a recipe version this app reads (it reads version 1)'],
    });
    expect(readRecipe({ ...base, kind: 'something' })).toMatchObject({ ok: false, issues: [expect.stringContaining('kind')] });
  });

  it('names an unknown field and where it is, at any depth', () => {
    expect(readRecipe({ ...base, colour: 'red' })).toMatchObject({
      ok: false,
      issues: [expect.stringContaining('the recipe: unknown field "colour"')],
    });
    const values = { kind: 'every', interval: '1h', fns: ['mean'], timeZone: 'UTC', extra: true };
    expect(readRecipe({ ...base, values })).toMatchObject({
      ok: false,
      issues: [expect.stringContaining('values: unknown field "extra"')],
    });
    expect(readRecipe({ ...base, output: { ...base.output, fileNmae: 'x' } })).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([expect.stringContaining('output: unknown field "fileNmae"')]),
    });
  });

  it('refuses bad signals, zones and file names with their reasons', () => {
    const bad = readRecipe({ ...base, signals: [{ path: 'W/A/D' }], window: { start: 'now', timeZone: 'Mars/Base' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.join('\n')).toMatch(/signals\.0.*Workspace\/Asset/);
    expect(!bad.ok && bad.issues.join('\n')).toMatch(/window\.timeZone: Unknown time zone/);
    expect(readRecipe({ ...base, output: { folder: 'o', fileName: 'x/{start:yyyy}.csv' } }).ok).toBe(false);
  });
});

describe('file-name templates', () => {
  const yesterday = { start: Date.parse('2025-10-25T23:00Z'), end: Date.parse('2025-10-27T00:00Z') };
  it("writes the window's dates on the zone's wall clock", () => {
    expect(fileNameFor('press-{start:yyyy-MM-dd}.parquet', yesterday, 'Europe/Lisbon')).toBe('press-2025-10-26.parquet');
    expect(fileNameFor('p-{start:yyyy-MM-dd}.csv', yesterday, 'UTC')).toBe('p-2025-10-25.csv');
    expect(fileNameFor('{start:yyMMdd_HHmmss}-{end:dd}-{last:dd}.csv', yesterday, 'Europe/Lisbon')).toBe('251026_000000-27-26.csv');
  });
  it('says what is wrong with a template', () => {
    expect(templateIssue('press-{start:yyyy-MM-dd}.parquet')).toBeNull();
    expect(templateIssue('press-{day:yyyy}.parquet')).toMatch(/Unknown placeholder \{day:yyyy\}/);
    expect(templateIssue('press-{start:yyyy.parquet')).toMatch(/brace/);
    expect(templateIssue('press.txt')).toMatch(/must end in/);
    expect(templateIssue('../press.csv')).toMatch(/without folders/);
  });
});
