import { useFormContext } from 'react-hook-form';
import type { SelectionValues } from './form-schema';

/** The file format the export is fetched in (Save… can convert it later). */
export function FormatField() {
  const { register } = useFormContext<SelectionValues>();
  return (
    <label className="field format-field">
      <span>Format</span>
      <select {...register('format')}>
        <option value="parquet">Parquet (fastest, typed)</option>
        <option value="csv">CSV</option>
        <option value="json">JSON</option>
      </select>
    </label>
  );
}
