import { oneLine } from './bounds';

/**
 * The API's `rename`: the column the signal gets in the file; also a derived signal's column. Its
 * own file so that exports.ts and derive/ both use it without importing each other.
 */
export const ColumnName = oneLine(127)
  .trim()
  .min(1, 'A column needs a name')
  .refine((n) => n.toLowerCase() !== 'timestamp', '"timestamp" is the time column');
