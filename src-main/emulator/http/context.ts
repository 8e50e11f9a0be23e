import type { Catalog } from '../catalog/catalog-types';
import type { Faults } from './faults';
import type { FileStore } from './files/file-store';
import type { DataRequests } from './historical-data/data-requests';

/** What every route needs: built once by startEmulator, shared by the route modules. */
export interface EmulatorContext {
  catalog: Catalog;
  apiKey: string;
  faults: Faults;
  /** The clock (ms): URLs and files expire by it. */
  now: () => number;
  /** The newest instant historical storage holds (included): now, or now minus the cold-storage lag. */
  storedUntil: () => number;
  files: FileStore;
  requests: DataRequests;
  /** Calls to the live endpoint that passed the API guard (tests check that a stopped client asks nothing). */
  liveRequests: { count: number };
  /** Where the server listens, used when a request carries no Host header. */
  baseUrl: () => string;
}
