import type { CatalogAsset, CatalogDivision, CatalogSignal, CatalogUnit, CatalogWorkspace } from '../../catalog/catalog-types';
import type { Listing, SortKey } from './list-page';

/*
 * The OpenAPI's schemas say `additionalProperties: false`: every answer is built field by field
 * here, never by spreading a catalog entity (which carries parents, models and periods).
 */

const ref = (e: { id: number; name: string }) => ({ id: e.id, name: e.name });
const stamps = (e: { createdAt: string; updatedAt: string }) => ({ createdAt: e.createdAt, updatedAt: e.updatedAt });

export const workspaceItem = (w: CatalogWorkspace) => ({ id: w.id, name: w.name, description: w.description });
export const workspaceDetail = (w: CatalogWorkspace) => ({ id: w.id, name: w.name, ...stamps(w), description: w.description });

export const assetItem = (a: CatalogAsset) => ({ id: a.id, name: a.name, type: a.type, description: a.description });
export const assetDetail = (a: CatalogAsset) => ({
  id: a.id,
  name: a.name,
  ...stamps(a),
  type: a.type,
  description: a.description,
  workspace: ref(a.workspace),
});

export const divisionItem = (d: CatalogDivision) => ({ id: d.id, name: d.name, description: d.description });
export const divisionDetail = (d: CatalogDivision) => ({
  id: d.id,
  name: d.name,
  ...stamps(d),
  description: d.description,
  workspace: ref(d.asset.workspace),
  asset: ref(d.asset),
});

export const unitItem = (u: CatalogUnit) => ({ id: u.id, name: u.name });
export const unitDetail = (u: CatalogUnit) => ({
  id: u.id,
  name: u.name,
  ...stamps(u),
  workspace: ref(u.division.asset.workspace),
  asset: ref(u.division.asset),
  division: ref(u.division),
});

export const signalItem = (s: CatalogSignal) => ({
  id: s.id,
  name: s.name,
  physicalUnit: s.physicalUnit,
  dataType: s.dataType,
  description: s.description,
  longDescription: s.longDescription,
  workspace: ref(s.unit.division.asset.workspace),
  asset: ref(s.unit.division.asset),
  division: ref(s.unit.division),
  unit: ref(s.unit),
});
export const signalDetail = (s: CatalogSignal) => {
  const { id, name, ...rest } = signalItem(s);
  return { id, name, ...stamps(s), ...rest };
};

/** The sortBy values each list accepts (from the OpenAPI), and what they sort by. */
export const workspaceSort: Record<string, SortKey<CatalogWorkspace>> = {
  id: (w) => w.id,
  name: (w) => w.name,
  description: (w) => w.description,
};
export const assetSort: Record<string, SortKey<CatalogAsset>> = {
  id: (a) => a.id,
  name: (a) => a.name,
  type: (a) => a.type,
  description: (a) => a.description,
};
export const divisionSort: Record<string, SortKey<CatalogDivision>> = {
  id: (d) => d.id,
  name: (d) => d.name,
  description: (d) => d.description,
};
export const unitSort: Record<string, SortKey<CatalogUnit>> = { id: (u) => u.id, name: (u) => u.name };
export const signalSort: Record<string, SortKey<CatalogSignal>> = {
  id: (s) => s.id,
  name: (s) => s.name,
  physicalUnit: (s) => s.physicalUnit,
  dataType: (s) => s.dataType,
  description: (s) => s.description,
  longDescription: (s) => s.longDescription,
  // Parents sort by name, as a user browsing a flat list would expect.
  workspace: (s) => s.unit.division.asset.workspace.name,
  asset: (s) => s.unit.division.asset.name,
  division: (s) => s.unit.division.name,
  unit: (s) => s.unit.name,
};

/** Each kind of list: its sort keys and its item view. */
export const workspaceList: Listing<CatalogWorkspace> = { sort: workspaceSort, view: workspaceItem };
export const assetList: Listing<CatalogAsset> = { sort: assetSort, view: assetItem };
export const divisionList: Listing<CatalogDivision> = { sort: divisionSort, view: divisionItem };
export const unitList: Listing<CatalogUnit> = { sort: unitSort, view: unitItem };
export const signalList: Listing<CatalogSignal> = { sort: signalSort, view: signalItem };
