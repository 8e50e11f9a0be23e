import type { FastifyInstance } from 'fastify';
import { findByNames, findWorkspace } from '../../catalog/catalog-queries';
import type { CatalogAsset, CatalogDivision, CatalogSignal, CatalogUnit } from '../../catalog/catalog-types';
import type { EmulatorContext } from '../context';
import { requestOrigin } from '../origin';
import { listPage } from './list-page';
import { names, notFound } from './params';
import * as v from './views';

/*
 * Metadata addressed by name, level by level:
 *   /api/v1/workspaces[/{workspace}[/assets[/{asset}[/divisions[/{division}[/units[/{unit}[/signals[/{signal}]]]]]]]]]
 * `{workspace}` may also be an ID at the first two levels (the OpenAPI allows integer | string
 * there, string below).
 */

const W = '/api/v1/workspaces/:workspace';
const A = `${W}/assets/:asset`;
const D = `${A}/divisions/:division`;
const U = `${D}/units/:unit`;

export function registerMetadataByName(app: FastifyInstance, ctx: EmulatorContext): void {
  const { catalog } = ctx;

  app.get('/api/v1/workspaces', async (req) =>
    listPage(req, requestOrigin(req, ctx), catalog.workspaces, v.workspaceSort, v.workspaceItem),
  );

  app.get(W, async (req, reply) => {
    const ws = findWorkspace(catalog, names(req.params, ['workspace']).workspace);
    return ws ? v.workspaceDetail(ws) : notFound(reply, 'Workspace');
  });

  app.get(`${W}/assets`, async (req, reply) => {
    const ws = findWorkspace(catalog, names(req.params, ['workspace']).workspace);
    if (!ws) return notFound(reply, 'Workspace');
    return listPage(req, requestOrigin(req, ctx), ws.assets, v.assetSort, v.assetItem);
  });

  app.get(A, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset']));
    return found.ok ? v.assetDetail(found.value as CatalogAsset) : notFound(reply, found.missing);
  });

  app.get(`${A}/divisions`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset']));
    if (!found.ok) return notFound(reply, found.missing);
    const asset = found.value as CatalogAsset;
    return listPage(req, requestOrigin(req, ctx), asset.divisions, v.divisionSort, v.divisionItem);
  });

  app.get(D, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division']));
    return found.ok ? v.divisionDetail(found.value as CatalogDivision) : notFound(reply, found.missing);
  });

  app.get(`${D}/units`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division']));
    if (!found.ok) return notFound(reply, found.missing);
    const division = found.value as CatalogDivision;
    return listPage(req, requestOrigin(req, ctx), division.units, v.unitSort, v.unitItem);
  });

  app.get(U, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division', 'unit']));
    return found.ok ? v.unitDetail(found.value as CatalogUnit) : notFound(reply, found.missing);
  });

  app.get(`${U}/signals`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division', 'unit']));
    if (!found.ok) return notFound(reply, found.missing);
    const unit = found.value as CatalogUnit;
    return listPage(req, requestOrigin(req, ctx), unit.signals, v.signalSort, v.signalItem);
  });

  app.get(`${U}/signals/:signal`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division', 'unit', 'signal']));
    return found.ok ? v.signalDetail(found.value as CatalogSignal) : notFound(reply, found.missing);
  });
}
