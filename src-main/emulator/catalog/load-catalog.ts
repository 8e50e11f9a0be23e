import { readFileSync } from 'node:fs';
import { catalogFileSchema, type CatalogFile } from './catalog-schema';
import type { Catalog, CatalogAsset, CatalogDivision, CatalogSignal, CatalogUnit, CatalogWorkspace } from './catalog-types';

/** Reads, validates and indexes a catalog file. Throws with the file's path on any problem. */
export function loadCatalog(path: string): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the demo catalog ${path}: ${(err as Error).message}`);
  }
  const parsed = catalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid demo catalog ${path}: ${first.join('; ')}`);
  }
  return buildCatalog(parsed.data);
}

/** Links the tree and checks what the schema cannot: unique IDs, unique names among siblings. */
export function buildCatalog(file: CatalogFile): Catalog {
  const originMs = Date.parse(file.origin);
  const catalog: Catalog = {
    originMs,
    user: file.user,
    workspaces: [],
    workspacesById: new Map(),
    assetsById: new Map(),
    divisionsById: new Map(),
    unitsById: new Map(),
    signalsById: new Map(),
  };
  const stamp = (e: { createdAt?: string | undefined; updatedAt?: string | undefined }) => ({
    createdAt: e.createdAt ?? file.createdAt,
    updatedAt: e.updatedAt ?? file.updatedAt,
  });
  for (const w of file.workspaces) {
    const ws: CatalogWorkspace = { id: w.id, name: w.name, description: w.description, ...stamp(w), assets: [] };
    put(catalog.workspacesById, ws, 'workspace');
    catalog.workspaces.push(ws);
    for (const a of w.assets) {
      const { divisions, ...fields } = a;
      const asset: CatalogAsset = { ...fields, ...stamp(a), workspace: ws, divisions: [] };
      put(catalog.assetsById, asset, 'asset');
      ws.assets.push(asset);
      for (const d of divisions) {
        const { units, ...dFields } = d;
        const division: CatalogDivision = { ...dFields, ...stamp(d), asset, units: [] };
        put(catalog.divisionsById, division, 'division');
        asset.divisions.push(division);
        for (const u of units) {
          const unit: CatalogUnit = { id: u.id, name: u.name, ...stamp(u), division, signals: [] };
          put(catalog.unitsById, unit, 'unit');
          division.units.push(unit);
          for (const s of u.signals) {
            const signal: CatalogSignal = {
              id: s.id,
              name: s.name,
              physicalUnit: s.physicalUnit,
              dataType: s.dataType,
              description: s.description,
              longDescription: s.longDescription,
              ...stamp(s),
              unit,
              periodMs: s.periodS * 1000,
              originMs,
              activeFromMs: s.activeFrom ? Date.parse(s.activeFrom) : originMs,
              activeUntilMs: s.activeUntil ? Date.parse(s.activeUntil) : Number.POSITIVE_INFINITY,
              gaps: s.gaps ?? null,
              seed: s.model.seed ?? s.id,
              model: s.model,
            };
            if (!Number.isInteger(signal.periodMs)) throw new Error(`Signal ${s.id}: period must be whole ms`);
            put(catalog.signalsById, signal, 'signal');
            unit.signals.push(signal);
          }
          uniqueNames(unit.signals, `unit ${unit.id}`);
        }
        uniqueNames(division.units, `division ${division.id}`);
      }
      uniqueNames(asset.divisions, `asset ${asset.id}`);
    }
    uniqueNames(ws.assets, `workspace ${ws.id}`);
  }
  uniqueNames(catalog.workspaces, 'the catalog');
  return catalog;
}

function put<T extends { id: number }>(map: Map<number, T>, item: T, kind: string): void {
  if (map.has(item.id)) throw new Error(`Duplicate ${kind} ID ${item.id} in the demo catalog`);
  map.set(item.id, item);
}

// Names address entities in URLs and search JSON, so siblings must not share one.
function uniqueNames(items: { name: string }[], where: string): void {
  const seen = new Set<string>();
  for (const { name } of items) {
    if (seen.has(name)) throw new Error(`Duplicate name "${name}" in ${where} of the demo catalog`);
    seen.add(name);
  }
}
