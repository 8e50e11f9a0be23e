import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { DecodeError } from '../decode-error';

/*
 * One parquet file from several with the same schema, at disk speed: each file's body (its row
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

/**
 * The bytes of one parquet file holding every row group of `paths`, in order. Paths come from an
 * async source so that a file can be joined while later ones are still being made.
 */
export async function* appendParquet(paths: AsyncIterable<string> | Iterable<string>): AsyncIterable<Uint8Array> {
  let first: Part | null = null;
  let fineTime = new Set<string>();
  const rowGroups: FileMetaData['row_groups'] = [];
  let numRows = 0n;
  let at = 4;
  for await (const path of paths) {
    const part = await readPart(path);
    if (!first) {
      first = part;
      fineTime = fineTimeColumns(part.meta);
      yield MAGIC;
    } else if (schemaKey(part.meta) !== schemaKey(first.meta)) {
      throw new DecodeError(`${path} has other columns than ${first.path}: they cannot be joined into one parquet file.`);
    }
    if (!part.meta.row_groups.length) continue;
    rowGroups.push(...movedRowGroups(part, at, fineTime));
    numRows += part.meta.num_rows;
    for await (const chunk of createReadStream(path, {
      start: 4,
      end: part.footerStart - 1,
      highWaterMark: 1 << 20,
    }) as AsyncIterable<Buffer>) {
      yield chunk;
    }
    at += part.footerStart - 4;
  }
  if (!first) throw new DecodeError('There is no parquet file to join.');
  const writer = new ByteWriter();
  // hyparquet-writer ships its own copy of hyparquet's types: the same shape, another declaration.
  writeMetadata(writer, { ...first.meta, num_rows: numRows, row_groups: rowGroups } as unknown as Parameters<typeof writeMetadata>[1]);
  yield new Uint8Array(writer.getBuffer());
  yield MAGIC;
}
