import { describe, expect, it } from 'vitest';
import { saveDialogOptions } from './save-dialog';

describe('the save dialog', () => {
  it('offers one filter for the chosen format, and a new folder for a dataset', () => {
    expect(saveDialogOptions('Pump_2025.xlsx', 'xlsx', 'file')).toEqual({
      defaultPath: 'Pump_2025.xlsx',
      filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
    });
    expect(saveDialogOptions('Pump_2025.parquet', 'parquet', 'file').filters).toEqual([{ name: 'Parquet', extensions: ['parquet'] }]);
    const dataset = saveDialogOptions('Pump_2025', 'parquet', 'dataset');
    expect(dataset).toMatchObject({ defaultPath: 'Pump_2025', properties: ['createDirectory'] });
    expect('filters' in dataset).toBe(false);
  });
});
