/*
 * The one door to the encoders: text (csv, json) and parquet from batches of rows, streamed, for
 * the app's exports and conversions and for the emulator's output files alike.
 */
export { localColumnName, type BatchEncoder, type TextOptions } from './encoder';
export { csvEncoder } from './csv/encode-csv';
export { jsonEncoder } from './json/encode-json';
export { createParquetWriter } from './parquet/parquet-writer';
