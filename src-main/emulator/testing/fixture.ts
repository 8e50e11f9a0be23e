import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDefaultCatalog } from '../catalog/find-catalog';
import { loadCatalog } from '../catalog/load-catalog';
import type { Catalog, CatalogSignal } from '../catalog/catalog-types';
import { startEmulator, type Emulator, type EmulatorOptions } from '../index';

/*
 * Test support: an emulator on a free port with a settable clock, and a client for it.
 * The clock defaults to a fixed instant so expected values never depend on when tests run.
 */

export const FIXED_NOW = Date.parse('2025-07-01T12:00:00.000Z');

export interface TestEmulator extends Emulator {
  /** Moves the emulator's clock. */
  setNow(ms: number): void;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
}

export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  let now = FIXED_NOW;
  const emulator = await startEmulator({ now: () => now, ...opts });
  const auth = { authorization: `Bearer ${emulator.apiKey}` };
  return Object.assign(emulator, {
    setNow: (ms: number) => void (now = ms),
    get: (path: string, init: RequestInit = {}) =>
      fetch(emulator.baseUrl + path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } }),
    post: (path: string, body: unknown, init: RequestInit = {}) =>
      fetch(emulator.baseUrl + path, {
        method: 'POST',
        ...init,
        headers: { ...auth, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  });
}

let catalog: Catalog | null = null;
/** The demo catalog, as the emulator loads it. */
export function demoCatalog(): Catalog {
  return (catalog ??= loadCatalog(findDefaultCatalog()));
}

export function signalNamed(unitName: string, signalName: string): CatalogSignal {
  const s = [...demoCatalog().signalsById.values()].find((x) => x.unit.name === unitName && x.name === signalName);
  if (!s) throw new Error(`No demo signal ${unitName} / ${signalName}`);
  return s;
}

/** The repository root: the folder above this one holding package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
}
