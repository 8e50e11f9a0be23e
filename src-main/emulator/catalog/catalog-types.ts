import type { DataType, Gaps, ValueModel } from './catalog-schema';

/*
 * The catalog in memory: the file's tree with parent links and instants as epoch milliseconds, so
 * views can name an entity's parents and valueAt() needs nothing but the signal.
 */

export interface Stamped {
  createdAt: string;
  updatedAt: string;
}

export interface CatalogWorkspace extends Stamped {
  id: number;
  name: string;
  description: string | null;
  assets: CatalogAsset[];
}

export interface CatalogAsset extends Stamped {
  id: number;
  name: string;
  type: string;
  description: string | null;
  workspace: CatalogWorkspace;
  divisions: CatalogDivision[];
}

export interface CatalogDivision extends Stamped {
  id: number;
  name: string;
  description: string | null;
  asset: CatalogAsset;
  units: CatalogUnit[];
}

export interface CatalogUnit extends Stamped {
  id: number;
  name: string;
  division: CatalogDivision;
  signals: CatalogSignal[];
}

export interface CatalogSignal extends Stamped {
  id: number;
  name: string;
  physicalUnit: string;
  dataType: DataType;
  description: string | null;
  longDescription: string | null;
  unit: CatalogUnit;
  /** Sampling period in ms; timestamps are originMs + k * periodMs. */
  periodMs: number;
  originMs: number;
  /** Data exists in [activeFromMs, activeUntilMs) (and never after "now"). */
  activeFromMs: number;
  activeUntilMs: number;
  gaps: Gaps | null;
  /** Noise seed: the model's, else the signal ID. */
  seed: number;
  model: ValueModel;
}

/**
 * What a signal's samples are made of (their times and values), without its place in the catalog:
 * what production needs, and all a production message carries (a signal's unit leads to the whole
 * catalog, 143 kB of it cloned into every message).
 */
export type SignalSamples = Pick<
  CatalogSignal,
  'id' | 'dataType' | 'periodMs' | 'originMs' | 'activeFromMs' | 'activeUntilMs' | 'gaps' | 'seed' | 'model'
>;

export interface CatalogUser {
  username: string;
  customerId: number;
  customerName: string;
  roles: string[];
}

export interface Catalog {
  originMs: number;
  user: CatalogUser;
  workspaces: CatalogWorkspace[];
  workspacesById: Map<number, CatalogWorkspace>;
  assetsById: Map<number, CatalogAsset>;
  divisionsById: Map<number, CatalogDivision>;
  unitsById: Map<number, CatalogUnit>;
  signalsById: Map<number, CatalogSignal>;
}
