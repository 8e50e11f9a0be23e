import type { Handlers } from '../bridge/handlers';
import type { ExportDeps } from '../exports/export-stack';
import { rowsPage } from './rows';
import { buildSeries } from './series';
import { tableStats } from './stats';

export function previewHandlers(deps: ExportDeps): Pick<Handlers, 'preview.series' | 'preview.stats' | 'preview.rows'> {
  const { service } = deps.stack;
  return {
    'preview.series': async ({ jobId, range, points }) => {
      const { table, columns } = await service.table(jobId);
      return buildSeries(table, columns, range, points);
    },
    'preview.stats': async ({ jobId }) => {
      const { table } = await service.table(jobId);
      return tableStats(table);
    },
    'preview.rows': async ({ jobId, offset, limit }) => {
      const { table } = await service.table(jobId);
      return rowsPage(table, offset, limit);
    },
  };
}
