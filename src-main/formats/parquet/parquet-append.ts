import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { DecodeError } from '../decode-error';
import { decodeBatches } from '../decode-batches';
import { isTimestampName } from '../match-columns';
import type { ColumnData } from '../row-batch';
import { createParquetWriter } from './parquet-writer';

/*
 * One parquet file from several, in one schema, at disk speed: each file's body (its row
 * groups, and any page indexes and bloom filters, everything between the leading magic and the
 * footer) is copied as it is, and one footer lists every row group with its offsets moved by
 * where its body landed. Nothing is decoded or encoded again: a year of chunks (1 GB) is joined
 * in the time it takes to copy it, where decoding and encoding it again took minutes.
 *
 * Footers are read with hyparquet and written with hyparquet-writer; a round trip of our files'
 * footers gives the same metadata (checked in the tests). Timestamp statistics finer than
 * milliseconds would not survive hyparquet's Date conversion, so they are dropped: a reader then
 * scans those row groups instead of trusting a wrong maximum.
 */

const MAGIC = Buffer.from('PAR1');

interface Part {
  path: string;
  size: number;
  footerStart: number;
  meta: FileMetaData;
}

async function readPart(path: string): Promise<Part> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 12) throw new DecodeError(`${path} is not a parquet file.`);
    const tail = Buffer.alloc(8);
    await handle.read(tail, 0, 8, size - 8);
    if (!tail.subarray(4).equals(MAGIC)) throw new DecodeError(`${path} is not a complete parquet file.`);
    const footerLength = tail.readUInt32LE(0);
    const footerStart = size - 8 - footerLength;
    if (footerStart < 4) throw new DecodeError(`${path} has a damaged footer.`);
    const footer = Buffer.alloc(footerLength + 8);
    await handle.read(footer, 0, footer.length, footerStart);
    const bytes = footer.buffer.slice(footer.byteOffset, footer.byteOffset + footer.byteLength) as ArrayBuffer;
    return { path, size, footerStart, meta: parquetMetadata(bytes) };
  } finally {
    await handle.close();
  }
}

/** The columns (names, types, logical types) that must match for files to be joined. */
function schemaKey(meta: FileMetaData): string {
  return JSON.stringify(
    meta.schema.map((e) => [e.name, e.type, e.repetition_type, e.num_children, e.logical_type ?? e.converted_type ?? null]),
  );
}

const shift = (v: bigint | undefined, by: bigint) => (v === undefined ? undefined : v + by);

/** Row groups of `part` as they will be in the joined file, whose body starts `at` bytes in. */
function movedRowGroups(part: Part, at: number, fineTime: Set<string>) {
  const by = BigInt(at - 4);
  return part.meta.row_groups.map((rg) => ({
    ...rg,
    file_offset: shift(rg.file_offset, by),
    ordinal: undefined,
    columns: rg.columns.map((c) => ({
      ...c,
      file_offset: c.file_offset + by,
      offset_index_offset: shift(c.offset_index_offset, by),
      column_index_offset: shift(c.column_index_offset, by),
      meta_data: c.meta_data && {
        ...c.meta_data,
        data_page_offset: c.meta_data.data_page_offset + by,
        dictionary_page_offset: shift(c.meta_data.dictionary_page_offset, by),
        index_page_offset: shift(c.meta_data.index_page_offset, by),
        bloom_filter_offset: shift(c.meta_data.bloom_filter_offset, by),
        statistics: fineTime.has(c.meta_data.path_in_schema.join('.')) ? undefined : c.meta_data.statistics,
      },
    })),
  }));
}

function fineTimeColumns(meta: FileMetaData): Set<string> {
  const out = new Set<string>();
  for (const e of meta.schema) {
    const lt = e.logical_type;
    if (lt?.type === 'TIMESTAMP' && lt.unit !== 'MILLIS') out.add(e.name);
    if (e.converted_type === 'TIMESTAMP_MICROS') out.add(e.name);
  }
  return out;
}

/** A column of the joined file, as our writer writes it. */
type OutColumn = { name: string; kind: ColumnData['kind'] };

/** What a piece holds, in the kinds a batch has: booleans, text, and every number as a float. */
function columnsOf(meta: FileMetaData): OutColumn[] {
  return meta.schema
    .slice(1)
    .filter((e) => !isTimestampName(e.name))
    .map((e) => {
      const text = e.type === 'BYTE_ARRAY' || e.type === 'FIXED_LEN_BYTE_ARRAY';
      return { name: e.name, kind: e.type === 'BOOLEAN' ? 'boolean' : text && e.converted_type !== 'DECIMAL' ? 'string' : 'float' };
    });
}

/** Whether a piece's times are finer than milliseconds (so the joined file keeps microseconds). */
function finerThanMs(meta: FileMetaData): boolean {
  const e = meta.schema.slice(1).find((x) => isTimestampName(x.name));
  const lt = e?.logical_type;
  return e?.type === 'INT96' || (lt?.type === 'TIMESTAMP' && lt.unit !== 'MILLIS') || e?.converted_type === 'TIMESTAMP_MICROS';
}

interface Output {
  columns: OutColumn[];
  timeUnit: 'ms' | 'us';
  key: string;
}

/** The schema our writer gives these columns: an empty file written and its footer read. */
async function writtenSchema(columns: OutColumn[], timeUnit: 'ms' | 'us'): Promise<Output> {
  const parts: Uint8Array[] = [];
  const writer = createParquetWriter(columns, async (b) => void parts.push(b), { timeUnit });
  await writer.finish();
  const bytes = Buffer.concat(parts);
  return {
    columns,
    timeUnit,
    key: schemaKey(parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)),
  };
}

/**
 * A piece in another schema than the joined file's, decoded (in time order) and written by our
 * writer in the file's schema, into a temporary file beside it (removed once copied): then joined
 * like any other piece. Any value that does not fit is an error naming it, never a loss.
 */
async function reencoded(part: Part, out: Output): Promise<{ part: Part; done(): Promise<void> }> {
  const path = `${part.path}.joining-${randomBytes(6).toString('hex')}.part`;
  const handle = await open(path, 'wx');
  const done = () => rm(path, { force: true });
  try {
    let at = 0;
    const writer = createParquetWriter(
      out.columns,
      async (bytes) => {
        for (let from = 0; from < bytes.length;) {
          const { bytesWritten } = await handle.write(bytes, from, bytes.length - from, at);
          from += bytesWritten;
          at += bytesWritten;
        }
      },
      { timeUnit: out.timeUnit },
    );
    const specs = out.columns.map((c) => ({ names: [c.name], dataType: c.kind }));
    try {
      for await (const batch of decodeBatches(part.path, 'parquet', { specs })) await writer.add(batch);
      await writer.finish();
    } catch (error) {
      await writer.abort();
      throw error instanceof DecodeError
        ? new DecodeError(`${part.path} cannot be joined with the export's other files: ${error.message}`, error.details)
        : error;
    } finally {
      await handle.close();
    }
    return { part: { ...(await readPart(path)), path }, done };
  } catch (error) {
    await done();
    throw error;
  }
}

/**
 * The bytes of one parquet file holding every row group of `paths`, in order, in one schema.
 * Paths come from an async source so that a file can be joined while later ones are still being
 * made: the first file's schema is then the joined file's. Given all at once (an array), a set of
 * files in more than one schema is joined in the schema our writer gives their columns (times in
 * microseconds if any file's are finer than milliseconds). Either way a file in another schema
 * than the joined one (a server that changed its writer between chunks: snappy with ms, then zstd
 * with ns) is decoded and written again in it; the others are copied as they are.
 */
export async function* appendParquet(paths: AsyncIterable<string> | Iterable<string>): AsyncIterable<Uint8Array> {
  let out: Output | null = null;
  if (Array.isArray(paths)) {
    const metas = await Promise.all((paths as string[]).map(readPart));
    const keys = new Set(metas.map((p) => schemaKey(p.meta)));
    if (keys.size > 1) out = await writtenSchema(columnsOf(metas[0]!.meta), metas.some((p) => finerThanMs(p.meta)) ? 'us' : 'ms');
  }
  let first: Part | null = null;
  let fineTime = new Set<string>();
  const rowGroups: FileMetaData['row_groups'] = [];
  let numRows = 0n;
  let at = 4;
  for await (const path of paths) {
    let part = await readPart(path);
    let done = async () => {};
    if (!out) {
      // The first file's schema is the joined file's: re-encoding into it needs our writer to write it.
      const own = await writtenSchema(columnsOf(part.meta), finerThanMs(part.meta) ? 'us' : 'ms');
      out = own.key === schemaKey(part.meta) ? own : { ...own, key: schemaKey(part.meta), columns: [] };
    }
    if (schemaKey(part.meta) !== out.key) {
      if (!out.columns.length) {
        throw new DecodeError(
          `${path} has other columns than ${first?.path ?? 'the first file'}: they cannot be joined into one parquet file.`,
        );
      }
      ({ part, done } = await reencoded(part, out));
      if (schemaKey(part.meta) !== out.key) throw new Error(`${path} was written again in another schema than the joined file's.`);
    }
    try {
      if (!first) {
        first = part;
        fineTime = fineTimeColumns(part.meta);
        yield MAGIC;
      }
      if (!part.meta.row_groups.length) continue;
      rowGroups.push(...movedRowGroups(part, at, fineTime));
      numRows += part.meta.num_rows;
      for await (const chunk of createReadStream(part.path, {
        start: 4,
        end: part.footerStart - 1,
        highWaterMark: 1 << 20,
      }) as AsyncIterable<Buffer>) {
        yield chunk;
      }
      at += part.footerStart - 4;
    } finally {
      await done();
    }
  }
  if (!first) throw new DecodeError('There is no parquet file to join.');
  const writer = new ByteWriter();
  // hyparquet-writer ships its own copy of hyparquet's types: the same shape, another declaration.
  writeMetadata(writer, { ...first.meta, num_rows: numRows, row_groups: rowGroups } as unknown as Parameters<typeof writeMetadata>[1]);
  yield new Uint8Array(writer.getBuffer());
  yield MAGIC;
}
