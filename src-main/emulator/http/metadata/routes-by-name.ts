import type { FastifyInstance } from 'fastify';
import { findByNames, findWorkspace } from '../../catalog/catalog-queries';
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

  app.get('/api/v1/workspaces', async (req) => listPage(req, requestOrigin(req, ctx), catalog.workspaces, v.workspaceList));

  app.get(W, async (req, reply) => {
    const ws = findWorkspace(catalog, names(req.params, ['workspace']).workspace);
    return ws ? v.workspaceDetail(ws) : notFound(reply, 'Workspace');
  });

  app.get(`${W}/assets`, async (req, reply) => {
    const ws = findWorkspace(catalog, names(req.params, ['workspace']).workspace);
    return ws ? listPage(req, requestOrigin(req, ctx), ws.assets, v.assetList) : notFound(reply, 'Workspace');
  });

  app.get(A, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset']));
    return found.ok ? v.assetDetail(found.value) : notFound(reply, found.missing);
  });

  app.get(`${A}/divisions`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset']));
    return found.ok ? listPage(req, requestOrigin(req, ctx), found.value.divisions, v.divisionList) : notFound(reply, found.missing);
  });

  app.get(D, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division']));
    return found.ok ? v.divisionDetail(found.value) : notFound(reply, found.missing);
  });

  app.get(`${D}/units`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division']));
    return found.ok ? listPage(req, requestOrigin(req, ctx), found.value.units, v.unitList) : notFound(reply, found.missing);
  });

  app.get(U, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division', 'unit']));
    return found.ok ? v.unitDetail(found.value) : notFound(reply, found.missing);
  });

  app.get(`${U}/signals`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division', 'unit']));
    return found.ok ? listPage(req, requestOrigin(req, ctx), found.value.signals, v.signalList) : notFound(reply, found.missing);
  });

  app.get(`${U}/signals/:signal`, async (req, reply) => {
    const found = findByNames(catalog, names(req.params, ['workspace', 'asset', 'division', 'unit', 'signal']));
    return found.ok ? v.signalDetail(found.value) : notFound(reply, found.missing);
  });
}
