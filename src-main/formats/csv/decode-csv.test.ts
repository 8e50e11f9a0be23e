import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOL_NULL, type ColumnSpec } from '../row-batch';
import { DecodeError } from '../decode-error';
import { decodeText, tempDir, timesOf, valuesOf } from '../testing/decode-text';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => void (tmp = await tempDir()));
afterAll(() => tmp.close());

const T0 = Date.parse('2024-01-01T00:00:00Z');
const float = (...names: string[]): ColumnSpec => ({ names, dataType: 'float' });
const text = (...names: string[]): ColumnSpec => ({ names, dataType: 'string' });
const csv = (content: string | Uint8Array, specs: ColumnSpec[], opts = {}) => decodeText(tmp.dir, 'csv', content, specs, opts);
const fails = (content: string | Uint8Array, specs: ColumnSpec[]) => expect(csv(content, specs)).rejects.toBeInstanceOf(DecodeError);

describe('csv decoding', () => {
  it('reads RFC 4180: quotes, doubled quotes, separators and line breaks inside quotes, empty vs ""', async () => {
    const content =
      'timestamp,"a, ""quoted"" name",b\r\n' +
      '2024-01-01T00:00:00.000Z,"x,y","line 1\r\nline 2"\r\n' +
      '2024-01-01T00:00:01.000Z,"","say ""hi"""\r\n' +
      '2024-01-01T00:00:02.000Z,,plain\r\n';
    for (const chunkBytes of [7, 16, 1 << 20]) {
      const batches = await csv(content, [text('a, "quoted" name'), text('b')], { chunkBytes });
      expect(batches[0]!.columns.map((c) => c.name)).toEqual(['a, "quoted" name', 'b']);
      expect(valuesOf(batches)).toEqual([
        ['x,y', '', null],
        ['line 1\r\nline 2', 'say "hi"', 'plain'],
      ]);
      expect(timesOf(batches)).toEqual([T0, T0 + 1000, T0 + 2000]);
    }
  });

  it('skips a BOM; takes LF, CRLF and CR line ends, blank lines and a last line without one', async () => {
    const content = '\ufefftimestamp,v\r2024-01-01T00:00:00Z,1\n\n2024-01-01T00:00:01Z,2\r\n\r\n2024-01-01T00:00:02Z,3';
    for (const chunkBytes of [5, 9, 64]) {
      const batches = await csv(content, [float('v')], { chunkBytes });
      expect(valuesOf(batches)).toEqual([[1, 2, 3]]);
    }
  });

  it('reads every number form exactly: exponents, signs, leading zeros, Infinity, NaN, 17 digits', async () => {
    const cells = [
      '1.5',
      '-0',
      '+2',
      '.5',
      '5.',
      '007',
      '1e-7',
      '1.5E+10',
      '-2.5e3',
      'Infinity',
      '-Infinity',
      'NaN',
      '0.1000000000000000055511151231257827',
      '123456789012345678901234567890',
      '"42"',
      '',
    ];
    const content = `timestamp,v\n${cells.map((c, i) => `2024-01-01T00:00:${String(i).padStart(2, '0')}Z,${c}`).join('\n')}\n`;
    const [v] = valuesOf(await csv(content, [float('v')]));
    expect(v).toEqual([1.5, -0, 2, 0.5, 5, 7, 1e-7, 1.5e10, -2500, Infinity, -Infinity, NaN, 0.1, 1.2345678901234568e29, 42, NaN]);
  });

  it('refuses a cell that is not its column’s type, naming the row, column and value (issue 15: "abc" was read as a gap)', async () => {
    const content = 'timestamp,flow,on\n2024-01-01T00:00:00Z,1.5,true\n2024-01-01T00:00:01Z,abc,false\n';
    await expect(csv(content, [float('flow'), { names: ['on'], dataType: 'boolean' }])).rejects.toThrow(
      'Row 2 of the csv file, column "flow": the value "abc" is not a number (line 3 of the file).',
    );
    await expect(csv(content.replace('false', 'yes'), [float('flow'), { names: ['on'], dataType: 'boolean' }])).rejects.toThrow(
      /Row 2 .*column "flow"/,
    );
    for (const bad of ['1,5', '0x10', '1 ', ' 1', '1e', '--1', '1.2.3', 'inf']) {
      await expect(csv(`timestamp,v\n2024-01-01T00:00:00Z,"${bad}"\n`, [float('v')]), bad).rejects.toThrow(
        /column "v": the value .* is not a number/,
      );
    }
  });

  it('reads booleans as the usual spellings, and refuses others', async () => {
    const content =
      'timestamp,on\n' + ['true', 'False', '1', '0', 't', 'f', 'TRUE', ''].map((v, i) => `2024-01-01T00:00:0${i}Z,${v}`).join('\n');
    expect(valuesOf(await csv(content, [{ names: ['on'], dataType: 'boolean' }]))).toEqual([[1, 0, 1, 0, 1, 0, 1, BOOL_NULL]]);
  });

  it('refuses broken records: field counts, stray quotes, unclosed quotes, text after a quote, bytes that are not UTF-8', async () => {
    const specs = [text('a'), text('b')];
    await expect(csv('timestamp,a,b\n2024-01-01T00:00:00Z,1\n', specs)).rejects.toThrow(
      'Row 1 of the csv file has 2 fields where the header has 3 (line 2 of the file).',
    );
    await expect(csv('timestamp,a,b\n2024-01-01T00:00:00Z,1,2,3\n', specs)).rejects.toThrow(
      "Row 1 of the csv file has more fields than the header's 3 (line 2 of the file).",
    );
    await expect(csv('timestamp,a,b\n2024-01-01T00:00:00Z,x"y,2\n', specs)).rejects.toThrow(/quote inside a field/);
    await expect(csv('timestamp,a,b\n2024-01-01T00:00:00Z,"x"y,2\n', specs)).rejects.toThrow(/text after its closing quote/);
    await expect(csv('timestamp,a,b\n2024-01-01T00:00:00Z,"never closed,2\n', specs)).rejects.toThrow(/ends inside a quoted field/);
    await expect(csv(Buffer.from('timestamp,a,b\n2024-01-01T00:00:00Z,\xff\xfe,2\n', 'latin1'), specs)).rejects.toThrow(/not UTF-8/);
    await fails('', specs);
    await fails('\ufeff', specs);
  });

  it('reads Excel’s csv of comma-decimal locales: BOM, semicolons, decimal commas', async () => {
    const content =
      '\ufefftimestamp;flow;"note;1"\n2024-10-27T00:30:00.000Z;1,5;a\n2024-10-27T01:30:00.000Z;;"b;c"\n2024-10-27T01:30:01.000Z;-2,5e-3;\n';
    const batches = await csv(content, [float('flow'), text('note;1')]);
    expect(valuesOf(batches)).toEqual([
      [1.5, NaN, -0.0025],
      ['a', 'b;c', null],
    ]);
    await expect(csv(content.replace('1,5', '1.5'), [float('flow'), text('note;1')])).rejects.toThrow(/"1.5" is not a number/);
  });

  it('reads timestamps with offsets and other ISO forms; refuses others; sorts rows out of order', async () => {
    const content =
      'timestamp,v\n2024-10-27T01:30:00.000+01:00,1\n2024-10-27T01:30:00.000+00:00,2\n2024-10-27 02:00,3\n"2024-10-27T02:00:00.5Z",4\n';
    expect(timesOf(await csv(content, [float('v')]))).toEqual([
      Date.parse('2024-10-27T00:30:00Z'),
      Date.parse('2024-10-27T01:30:00Z'),
      Date.parse('2024-10-27T02:00:00Z'),
      Date.parse('2024-10-27T02:00:00.5Z'),
    ]);
    await expect(csv('timestamp,v\n2024-02-30T00:00:00Z,1\n', [float('v')])).rejects.toThrow(
      'Row 1 of the csv file, column "timestamp": the value "2024-02-30T00:00:00Z" is not a date and time (ISO 8601, or epoch milliseconds of 1973 to 5138) (line 2 of the file).',
    );
    await expect(csv('timestamp,v\n,1\n', [float('v')])).rejects.toThrow('Row 1 of the csv file has no valid timestamp.');
    const unsorted = await csv('timestamp,v\n2024-01-01T00:00:01Z,1\n2024-01-01T00:00:00Z,2\n', [float('v')]);
    expect([timesOf(unsorted), valuesOf(unsorted)]).toEqual([[T0, T0 + 1000], [[2, 1]]]);
  });

  it('hands over batches of batchRows rows, with the columns named as the file names them', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${new Date(T0 + i * 1000).toISOString()},${i}`).join('\n');
    const batches = await csv(`timestamp,10178\n${rows}\n`, [float('Wind', '10178')], { batchRows: 4 });
    expect(batches.map((b) => b.rowCount)).toEqual([4, 4, 2]);
    expect(batches.every((b) => b.columns[0]!.name === '10178')).toBe(true);
    expect(valuesOf(batches)).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });
});
