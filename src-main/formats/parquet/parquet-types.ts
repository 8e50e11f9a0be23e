import type { SchemaElement } from 'hyparquet';

/** A column's parquet type as a reader of the file would see it: `INT64 (TIMESTAMP(NANOS, UTC))`, `BYTE_ARRAY (STRING)`. */
export function parquetTypeOf(e: SchemaElement | undefined): string {
  if (!e) return 'an unknown type';
  if (e.num_children) return `a group of ${e.num_children} (${e.logical_type?.type ?? e.converted_type ?? 'nested'})`;
  const base = e.type === 'FIXED_LEN_BYTE_ARRAY' ? `FIXED_LEN_BYTE_ARRAY(${e.type_length ?? '?'})` : (e.type ?? 'no type');
  const lt = e.logical_type as (Record<string, unknown> & { type: string }) | undefined;
  let logical: string | undefined;
  if (lt) {
    if (lt.type === 'TIMESTAMP' || lt.type === 'TIME') logical = `${lt.type}(${String(lt.unit)}${lt.isAdjustedToUTC ? ', UTC' : ''})`;
    else if (lt.type === 'DECIMAL') logical = `DECIMAL(${String(lt.precision)}, ${String(lt.scale)})`;
    else if (lt.type === 'INTEGER') logical = `INTEGER(${String(lt.bitWidth)}, ${lt.isSigned ? 'signed' : 'unsigned'})`;
    else logical = lt.type;
  } else logical = e.converted_type;
  return logical ? `${base} (${logical})` : base;
}

/** The file's leaf element of a column, by the name Arrow gives it. */
export function elementNamed(schema: SchemaElement[], name: string): SchemaElement | undefined {
  return schema.slice(1).find((e) => e.name === name);
}
