import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { divisionsOf, signalsOf, unitsOf, type Level } from '../../catalog/catalog-queries';
import type { Catalog, CatalogAsset, CatalogDivision, CatalogSignal, CatalogUnit, CatalogWorkspace } from '../../catalog/catalog-types';
import type { EmulatorContext } from '../context';
import { requestOrigin } from '../origin';
import { listPage, type Listing } from './list-page';
import { ids, notFound } from './params';
import * as v from './views';

/*
 * Metadata addressed by ID: flat lists of everything below an entity, and gets. Every route is
 * "parse the ID, look it up, 404 or answer", so they are one table:
 *   /api/v1/workspaces/{id}/divisions|units|signals
 *   /api/v1/assets/{id}[/divisions|units|signals]
 *   /api/v1/divisions/{id}[/units|signals]
 *   /api/v1/units/{id}[/signals]
 *   /api/v1/signals/{id}
 * (`/api/v1/workspaces/{workspace}` itself takes a name or an ID: see routes-by-name.ts.)
 */

/** An entity addressed by ID: `/api/v1/{collection}/:{param}`, found in the catalog's index. */
interface ById<T> {
  collection: string;
  param: string;
  level: Level;
  index: (catalog: Catalog) => Map<number, T>;
}

const byId = <T>(level: Level, collection: string, index: (catalog: Catalog) => Map<number, T>): ById<T> => ({
  level,
  collection,
  param: level.toLowerCase(),
  index,
});
const workspace = byId<CatalogWorkspace>('Workspace', 'workspaces', (c) => c.workspacesById);
const asset = byId<CatalogAsset>('Asset', 'assets', (c) => c.assetsById);
const division = byId<CatalogDivision>('Division', 'divisions', (c) => c.divisionsById);
const unit = byId<CatalogUnit>('Unit', 'units', (c) => c.unitsById);
const signal = byId<CatalogSignal>('Signal', 'signals', (c) => c.signalsById);

interface Route {
  path: string;
  answer: (req: FastifyRequest, reply: FastifyReply, ctx: EmulatorContext) => unknown;
}

/** GET /api/v1/{collection}/{id}: the entity's detail. */
function detail<T>(entity: ById<T>, view: (x: T) => unknown): Route {
  return {
    path: `/api/v1/${entity.collection}/:${entity.param}`,
    answer: (req, reply, ctx) => {
      const found = lookUp(entity, req, ctx);
      return found ? view(found) : notFound(reply, entity.level);
    },
  };
}

/** GET /api/v1/{collection}/{id}/{children}: a page of what lies below the entity. */
function list<T, C extends { id: number }>(entity: ById<T>, children: string, below: (x: T) => C[], listing: Listing<C>): Route {
  return {
    path: `/api/v1/${entity.collection}/:${entity.param}/${children}`,
    answer: (req, reply, ctx) => {
      const found = lookUp(entity, req, ctx);
      return found ? listPage(req, requestOrigin(req, ctx), below(found), listing) : notFound(reply, entity.level);
    },
  };
}

// A bad ID is a QueryError (400) from ids(); an unknown one is undefined (404).
function lookUp<T>(entity: ById<T>, req: FastifyRequest, ctx: EmulatorContext): T | undefined {
  return entity.index(ctx.catalog).get(ids(req.params, [entity.param])[entity.param]!);
}

const ROUTES: Route[] = [
  list(workspace, 'divisions', divisionsOf, v.divisionList),
  list(workspace, 'units', unitsOf, v.unitList),
  list(workspace, 'signals', signalsOf, v.signalList),
  detail(asset, v.assetDetail),
  list(asset, 'divisions', (a) => a.divisions, v.divisionList),
  list(asset, 'units', unitsOf, v.unitList),
  list(asset, 'signals', signalsOf, v.signalList),
  detail(division, v.divisionDetail),
  list(division, 'units', (d) => d.units, v.unitList),
  list(division, 'signals', signalsOf, v.signalList),
  detail(unit, v.unitDetail),
  list(unit, 'signals', (u) => u.signals, v.signalList),
  detail(signal, v.signalDetail),
];

export function registerMetadataById(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const route of ROUTES) app.get(route.path, async (req, reply) => route.answer(req, reply, ctx));
}
