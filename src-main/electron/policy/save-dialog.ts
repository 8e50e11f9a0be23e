import type { Layout, SaveFormat } from '../../../src-preload/contract';

const NAMES: Record<SaveFormat, string> = { parquet: 'Parquet', csv: 'CSV', json: 'JSON', xlsx: 'Excel workbook' };

/** The save dialog's options: one filter for the chosen format; a dataset is a new folder's name. */
export function saveDialogOptions(suggestedName: string, format: SaveFormat, layout: Layout) {
  if (layout === 'dataset') {
    return {
      title: 'Save as a dataset folder',
      defaultPath: suggestedName,
      buttonLabel: 'Create folder',
      properties: ['createDirectory' as const],
    };
  }
  return { defaultPath: suggestedName, filters: [{ name: NAMES[format], extensions: [format] }] };
}
