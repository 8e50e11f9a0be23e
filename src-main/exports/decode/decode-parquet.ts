export { hasParquetMagic } from '../../formats/parquet/decode-parquet';
