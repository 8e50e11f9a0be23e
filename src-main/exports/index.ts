/*
 * The export pipeline's public pieces, for the bench, scripts and other hosts. The window reaches
 * them through the contract (exports.*, preview.*, history.*); the CLI through src-main/cli.
 */
export { createExportService, type ExportService, type ExportServiceOptions, type HistoryRecorder } from './jobs/export-service';
export { createExportStack } from './export-stack';
export { downloadFile, type DownloadOptions } from './download/download-file';
export { decodeFile } from './decode/decode-file';
export { decodeInWorker, writeInWorker } from './decode/run-worker';
export { writeTable, type TextOptions } from './convert/convert-file';
export { saveJobTo, prepareJobFile, type SaveRequest } from './save/save-job';
export { atomicWrite, atomicCopy } from './save/atomic-save';
export { nodeSaveFs, type SaveFs } from './save/save-fs';
export { buildExportRecord, ExportRecord, recordPathFor } from './save/export-record';
export { suggestedFileName } from './save/suggested-name';
export { toArqueroTable } from './table/to-arquero';
export type { RowBatch, BatchColumn, ColumnData } from '../formats/row-batch';
export { exportFixture } from './testing/fixture';
export { m4 } from '../preview/downsample';
export { changePoints } from '../preview/change-points';
export { columnStats } from '../preview/stats';
export { buildSeries } from '../preview/series';
export { rowsPage } from '../preview/rows';
