import type { Catalog, CatalogAsset, CatalogDivision, CatalogSignal, CatalogUnit, CatalogWorkspace } from './catalog-types';

/*
 * Lookups by name path and the flattening the "by ID" lists need. Each name lookup reports the
 * first level that was not found, because the API's 404 says which ("Asset not found").
 */

export type Level = 'Workspace' | 'Asset' | 'Division' | 'Unit' | 'Signal';
export type Found<T> = { ok: true; value: T } | { ok: false; missing: Level };

const byName = <T extends { name: string }>(items: T[], name: string) => items.find((i) => i.name === name);

/** A workspace by ID (digits) or by name: `/workspaces/{workspace}` accepts both. */
export function findWorkspace(catalog: Catalog, idOrName: string): CatalogWorkspace | undefined {
  if (/^[1-9]\d*$/.test(idOrName)) {
    const ws = catalog.workspacesById.get(Number(idOrName));
    if (ws) return ws;
  }
  return byName(catalog.workspaces, idOrName);
}

/** A name path down to some depth: the keys present say which entity it names. */
export interface WorkspaceNames {
  workspace: string;
}
export interface AssetNames extends WorkspaceNames {
  asset: string;
}
export interface DivisionNames extends AssetNames {
  division: string;
}
export interface UnitNames extends DivisionNames {
  unit: string;
}
export interface SignalNames extends UnitNames {
  signal: string;
}

/**
 * Walks names down the tree, as deep as the path goes; the answer's type follows the depth. Names
 * only: the OpenAPI types these path parameters as strings (only `/workspaces/{workspace}` and
 * `/workspaces/{workspace}/assets` take an ID too).
 */
export function findByNames(catalog: Catalog, path: SignalNames): Found<CatalogSignal>;
export function findByNames(catalog: Catalog, path: UnitNames): Found<CatalogUnit>;
export function findByNames(catalog: Catalog, path: DivisionNames): Found<CatalogDivision>;
export function findByNames(catalog: Catalog, path: AssetNames): Found<CatalogAsset>;
export function findByNames(catalog: Catalog, path: WorkspaceNames): Found<CatalogWorkspace>;
export function findByNames(
  catalog: Catalog,
  path: WorkspaceNames & Partial<SignalNames>,
): Found<CatalogWorkspace | CatalogAsset | CatalogDivision | CatalogUnit | CatalogSignal> {
  const ws = byName(catalog.workspaces, path.workspace);
  if (!ws) return { ok: false, missing: 'Workspace' };
  if (path.asset === undefined) return { ok: true, value: ws };
  const asset = byName(ws.assets, path.asset);
  if (!asset) return { ok: false, missing: 'Asset' };
  if (path.division === undefined) return { ok: true, value: asset };
  const division = byName(asset.divisions, path.division);
  if (!division) return { ok: false, missing: 'Division' };
  if (path.unit === undefined) return { ok: true, value: division };
  const unit = byName(division.units, path.unit);
  if (!unit) return { ok: false, missing: 'Unit' };
  if (path.signal === undefined) return { ok: true, value: unit };
  const signal = byName(unit.signals, path.signal);
  return signal ? { ok: true, value: signal } : { ok: false, missing: 'Signal' };
}

/** The signal named by a search JSON, if it exists (names only, as the sync endpoint takes them). */
export function findSignalByNames(catalog: Catalog, names: SignalNames): CatalogSignal | undefined {
  const found = findByNames(catalog, names);
  return found.ok ? found.value : undefined;
}

export const divisionsOf = (x: CatalogWorkspace | CatalogAsset): CatalogDivision[] =>
  'assets' in x ? x.assets.flatMap((a) => a.divisions) : x.divisions;

export const unitsOf = (x: CatalogWorkspace | CatalogAsset | CatalogDivision): CatalogUnit[] =>
  'units' in x ? x.units : divisionsOf(x).flatMap((d) => d.units);

export const signalsOf = (x: CatalogWorkspace | CatalogAsset | CatalogDivision | CatalogUnit): CatalogSignal[] =>
  'signals' in x ? x.signals : unitsOf(x).flatMap((u) => u.signals);
