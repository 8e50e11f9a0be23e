import type { FastifyInstance, FastifyRequest } from 'fastify';
import { divisionsOf, signalsOf, unitsOf } from '../../catalog/catalog-queries';
import type { EmulatorContext } from '../context';
import { requestOrigin } from '../origin';
import { listPage, type SortKey } from './list-page';
import { ids, notFound } from './params';
import * as v from './views';

/*
 * Metadata addressed by ID: flat lists of everything below an entity, and gets.
 *   /api/v1/workspaces/{id}/divisions|units|signals
 *   /api/v1/assets/{id}[/divisions|units|signals]
 *   /api/v1/divisions/{id}[/units|signals]
 *   /api/v1/units/{id}[/signals]
 *   /api/v1/signals/{id}
 */

export function registerMetadataById(app: FastifyInstance, ctx: EmulatorContext): void {
  const { catalog } = ctx;
  const page = <T extends { id: number }, V>(req: FastifyRequest, items: T[], sort: Record<string, SortKey<T>>, view: (x: T) => V) =>
    listPage(req, requestOrigin(req, ctx), items, sort, view);

  app.get('/api/v1/workspaces/:workspace/divisions', async (req, reply) => {
    const ws = catalog.workspacesById.get(ids(req.params, ['workspace']).workspace);
    return ws ? page(req, divisionsOf(ws), v.divisionSort, v.divisionItem) : notFound(reply, 'Workspace');
  });
  app.get('/api/v1/workspaces/:workspace/units', async (req, reply) => {
    const ws = catalog.workspacesById.get(ids(req.params, ['workspace']).workspace);
    return ws ? page(req, unitsOf(ws), v.unitSort, v.unitItem) : notFound(reply, 'Workspace');
  });
  app.get('/api/v1/workspaces/:workspace/signals', async (req, reply) => {
    const ws = catalog.workspacesById.get(ids(req.params, ['workspace']).workspace);
    return ws ? page(req, signalsOf(ws), v.signalSort, v.signalItem) : notFound(reply, 'Workspace');
  });

  app.get('/api/v1/assets/:asset', async (req, reply) => {
    const asset = catalog.assetsById.get(ids(req.params, ['asset']).asset);
    return asset ? v.assetDetail(asset) : notFound(reply, 'Asset');
  });
  app.get('/api/v1/assets/:asset/divisions', async (req, reply) => {
    const asset = catalog.assetsById.get(ids(req.params, ['asset']).asset);
    return asset ? page(req, asset.divisions, v.divisionSort, v.divisionItem) : notFound(reply, 'Asset');
  });
  app.get('/api/v1/assets/:asset/units', async (req, reply) => {
    const asset = catalog.assetsById.get(ids(req.params, ['asset']).asset);
    return asset ? page(req, unitsOf(asset), v.unitSort, v.unitItem) : notFound(reply, 'Asset');
  });
  app.get('/api/v1/assets/:asset/signals', async (req, reply) => {
    const asset = catalog.assetsById.get(ids(req.params, ['asset']).asset);
    return asset ? page(req, signalsOf(asset), v.signalSort, v.signalItem) : notFound(reply, 'Asset');
  });

  app.get('/api/v1/divisions/:division', async (req, reply) => {
    const division = catalog.divisionsById.get(ids(req.params, ['division']).division);
    return division ? v.divisionDetail(division) : notFound(reply, 'Division');
  });
  app.get('/api/v1/divisions/:division/units', async (req, reply) => {
    const division = catalog.divisionsById.get(ids(req.params, ['division']).division);
    return division ? page(req, division.units, v.unitSort, v.unitItem) : notFound(reply, 'Division');
  });
  app.get('/api/v1/divisions/:division/signals', async (req, reply) => {
    const division = catalog.divisionsById.get(ids(req.params, ['division']).division);
    return division ? page(req, signalsOf(division), v.signalSort, v.signalItem) : notFound(reply, 'Division');
  });

  app.get('/api/v1/units/:unit', async (req, reply) => {
    const unit = catalog.unitsById.get(ids(req.params, ['unit']).unit);
    return unit ? v.unitDetail(unit) : notFound(reply, 'Unit');
  });
  app.get('/api/v1/units/:unit/signals', async (req, reply) => {
    const unit = catalog.unitsById.get(ids(req.params, ['unit']).unit);
    return unit ? page(req, unit.signals, v.signalSort, v.signalItem) : notFound(reply, 'Unit');
  });

  app.get('/api/v1/signals/:signal', async (req, reply) => {
    const signal = catalog.signalsById.get(ids(req.params, ['signal']).signal);
    return signal ? v.signalDetail(signal) : notFound(reply, 'Signal');
  });
}
