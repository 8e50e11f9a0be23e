import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOL_NULL, type ColumnSpec } from '../row-batch';
import { decodeText, tempDir, timesOf, valuesOf } from '../testing/decode-text';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => void (tmp = await tempDir()));
afterAll(() => tmp.close());

const T0 = Date.parse('2024-01-01T00:00:00Z');
const spec = (dataType: ColumnSpec['dataType'], ...names: string[]): ColumnSpec => ({ names, dataType });
const json = (content: string | Uint8Array, specs: ColumnSpec[], opts = {}) => decodeText(tmp.dir, 'json', content, specs, opts);

describe('json decoding', () => {
  it('reads records laid out any way: whitespace, key order, numeric timestamps, a BOM', async () => {
    const content =
      '\ufeff [\n  {\n   "v" : 1.5 , "timestamp" : "2024-01-01T00:00:00.000Z" } ,\r\n\t{"timestamp":1704067201000,"v":-2e-3}]\n ';
    for (const chunkBytes of [3, 8, 1 << 20]) {
      const batches = await json(content, [spec('float', 'v')], { chunkBytes });
      expect(timesOf(batches)).toEqual([T0, T0 + 1000]);
      expect(valuesOf(batches)).toEqual([[1.5, -0.002]]);
    }
  });

  it('reads strings with every escape, \\u escapes and surrogate pairs, in values and keys', async () => {
    const value = 'q"b\\s/\b\f\n\r\t\u0001é€😀\u2028';
    const key = 'ké\ny 😀';
    const content = `[{"timestamp":"2024-01-01T00:00:00Z",${JSON.stringify(key)}:${JSON.stringify(value)}},{"timestamp":"2024-01-01T00:00:01Z","k\\u00e9\\ny \\ud83d\\ude00":"\\u0041\\ud83d\\ude00\\/"}]`;
    for (const chunkBytes of [4, 1 << 20]) {
      const batches = await json(content, [spec('string', key)], { chunkBytes });
      expect(valuesOf(batches)).toEqual([[value, 'A😀/']]);
      expect(batches[0]!.columns[0]!.name).toBe(key);
    }
  });

  it('reads a record lacking a key as no value there; json signals as strings or as JSON', async () => {
    const content =
      '[{"timestamp":"2024-01-01T00:00:00Z","a":1,"on":true,"s":"x","j":"{\\"ph\\":7}"},' +
      '{"timestamp":"2024-01-01T00:00:01Z"},' +
      '{"timestamp":"2024-01-01T00:00:02Z","j":{"ph": [7.1, null]},"on":0,"s":12,"a":NaN},' +
      '{"timestamp":"2024-01-01T00:00:03Z","a":-Infinity,"on":null,"s":null,"j":null}]';
    const batches = await json(content, [spec('float', 'a'), spec('boolean', 'on'), spec('string', 's'), spec('json', 'j')]);
    expect(valuesOf(batches)).toEqual([
      [1, NaN, NaN, -Infinity],
      [1, BOOL_NULL, 0, BOOL_NULL],
      ['x', null, '12', null],
      ['{"ph":7}', null, '{"ph":[7.1,null]}', null],
    ]);
  });

  it('refuses a value that is not its column’s type, naming the record, column and value', async () => {
    const rec = (v: string) => `[{"timestamp":"2024-01-01T00:00:00Z","flow":1},{"timestamp":"2024-01-01T00:00:01Z","flow":${v}}]`;
    await expect(json(rec('"abc"'), [spec('float', 'flow')])).rejects.toThrow(
      'Record 2 of the json file, column "flow": the value "\\"abc\\"" is not a number (line 1 of the file).',
    );
    for (const bad of ['"1.5"', 'true', '{}', '[1]', '01', '1.', '.5', '+1', '0x10', 'nul', 'Inf']) {
      await expect(json(rec(bad), [spec('float', 'flow')]), bad).rejects.toThrow(/Record 2 of the json file/);
    }
    await expect(json(rec('"yes"'), [spec('boolean', 'flow')])).rejects.toThrow(/is not true or false/);
    await expect(json(rec('{"a":1}'), [spec('string', 'flow')])).rejects.toThrow(/is not text/);
    await expect(json(rec('"2024"'), [spec('float', 'flow')])).rejects.toThrow(/is not a number/);
  });

  it('refuses what is not an array of records', async () => {
    const specs = [spec('float', 'v')];
    const ok = '{"timestamp":"2024-01-01T00:00:00Z","v":1}';
    const cases: [string, RegExp][] = [
      ['', /The json file is empty/],
      ['"x"', /neither an array of records, records one per line, nor columns/],
      [`[${ok}`, /closing bracket is missing/],
      [`[${ok},]`, /Record 2 of the json file is not an object/],
      [`[${ok}] x`, /text after its closing bracket/],
      [`[${ok} ${ok}]`, /followed by neither/],
      [`[${ok.slice(0, -1)}`, /cut short/],
      ['[1]', /is not an object/],
      ['[{"v":1}]', /has no "timestamp" column/],
      [`[${ok},{"v":1}]`, /Record 2 of the json file has no timestamp/],
      [`[${ok},{"timestamp":"2024-01-01T00:00:01Z","v":2,"v":3}]`, /has the key "v" twice/],
      [`[${ok},{"timestamp":"2024-01-01T00:00:01Z","w":2}]`, /key "w" that the first record does not have/],
      [`[{"timestamp":"2024-01-01T00:00:00Z","v":"a\u0001"}]`, /control character/],
      ['[{"timestamp":"2024-01-01T00:00:00Z","v":1,"timestamp":"2024-01-01T00:00:00Z"}]', /twice/],
    ];
    for (const [content, error] of cases) await expect(json(content, specs), content).rejects.toThrow(error);
    expect(await json('[ ]', specs)).toEqual([]);
    await expect(json('[{"timestamp":"2024-01-01T00:00:00Z","v":"\\x"}]', [spec('string', 'v')])).rejects.toThrow(/broken escape/);
  });
});
