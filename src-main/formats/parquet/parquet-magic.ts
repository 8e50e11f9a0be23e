/**
 * Whether the file starts and ends with parquet's magic bytes (a cut download does not). A module
 * of its own: the download thread checks it without loading parquet-wasm (5 MB of wasm to compile).
 */
export function hasParquetMagic(bytes: Uint8Array): boolean {
  const magic = (at: number) => bytes[at] === 80 && bytes[at + 1] === 65 && bytes[at + 2] === 82 && bytes[at + 3] === 49;
  return bytes.length >= 12 && magic(0) && magic(bytes.length - 4);
}
