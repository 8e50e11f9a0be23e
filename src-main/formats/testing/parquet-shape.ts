import { readFile } from 'node:fs/promises';
import { parquetMetadata, type FileMetaData, type SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';

/*
 * What a parquet file really is, read from its footer and page headers with hyparquet (not our
 * code): so a test named "zstd, v2 pages" checks that its file has zstd pages of version 2.
 */

export interface ParquetShape {
  meta: FileMetaData;
  /** Leaf columns in file order. */
  columns: string[];
  codecs: Set<string>;
  /** Page types (DATA_PAGE, DATA_PAGE_V2, DICTIONARY_PAGE) of every column chunk. */
  pageTypes: Set<string>;
  /** `column:ENCODING` of every data and dictionary page. */
  encodings: Set<string>;
  rowGroups: number[];
  element(name: string): SchemaElement;
}

export async function parquetShape(path: string): Promise<ParquetShape> {
  const buf = await readFile(path);
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const meta = parquetMetadata(bytes);
  const view = new DataView(bytes);
  const codecs = new Set<string>();
  const pageTypes = new Set<string>();
  const encodings = new Set<string>();
  for (const rg of meta.row_groups) {
    for (const col of rg.columns) {
      const m = col.meta_data!;
      codecs.add(m.codec);
      const dict = m.dictionary_page_offset === undefined ? undefined : Number(m.dictionary_page_offset);
      let at = dict && dict > 0 ? Math.min(dict, Number(m.data_page_offset)) : Number(m.data_page_offset);
      const end = at + Number(m.total_compressed_size);
      while (at < end) {
        const reader = { view, offset: at };
        const h = parquetHeader(reader);
        pageTypes.add(h.type);
        const enc = h.data_page_header?.encoding ?? h.data_page_header_v2?.encoding ?? h.dictionary_page_header?.encoding;
        encodings.add(`${m.path_in_schema.join('.')}:${enc}`);
        at = reader.offset + h.compressed_page_size;
      }
    }
  }
  const leaves = meta.schema.slice(1);
  return {
    meta,
    columns: leaves.map((e) => e.name),
    codecs,
    pageTypes,
    encodings,
    rowGroups: meta.row_groups.map((g) => Number(g.num_rows)),
    element: (name) => {
      const e = leaves.find((l) => l.name === name);
      if (!e) throw new Error(`no column ${name}`);
      return e;
    },
  };
}
