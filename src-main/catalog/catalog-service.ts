import type { Signal, TreeNode, TreePath } from '../../src-preload/contract';
import type { ApiTarget, ConnectionsService } from '../connections/service';
import { createNortechClient, type NortechClient, type NortechClientOptions } from '../nortech/client';
import { toSignal } from '../nortech/to-domain';

/*
 * The signal tree and search, over a connection. Search lists every signal of the workspace (all
 * pages) once and filters in memory; that list is kept a few minutes per connection and workspace,
 * so typing a query does not ask Nortech again for each letter.
 */

export interface CatalogServiceOptions {
  connections: Pick<ConnectionsService, 'target'>;
  version: string;
  client?: Omit<NortechClientOptions, 'apiUrl' | 'apiKey' | 'version'>;
  cacheMs?: number;
  now?: () => number;
}

const text = (d: string | null | undefined) => (d ? { description: d } : {});

export function createCatalogService(opts: CatalogServiceOptions) {
  const now = opts.now ?? Date.now;
  const cacheMs = opts.cacheMs ?? 5 * 60_000;
  const searchCache = new Map<string, { at: number; signals: Promise<Signal[]> }>();

  const clientFor = (target: ApiTarget): NortechClient => createNortechClient({ ...opts.client, ...target, version: opts.version });
  const client = async (connectionId: string) => clientFor(await opts.connections.target(connectionId));

  async function workspaceSignals(connectionId: string, workspaceId: number): Promise<Signal[]> {
    const target = await opts.connections.target(connectionId);
    // The URL is part of the key: an edited connection must not answer from the old API's list.
    const key = JSON.stringify([connectionId, target.apiUrl, workspaceId]);
    const hit = searchCache.get(key);
    if (hit && now() - hit.at < cacheMs) return hit.signals;
    const signals = clientFor(target)
      .listWorkspaceSignals(workspaceId)
      .then((list) => list.map(toSignal));
    searchCache.set(key, { at: now(), signals });
    // A failed list is not kept: the next search asks again. The failure itself reaches this caller.
    signals.catch(() => searchCache.delete(key));
    return signals;
  }

  return {
    async children(connectionId: string, path: TreePath): Promise<TreeNode[]> {
      const api = await client(connectionId);
      const [w, a, d, u] = path;
      const under = (name: string) => [...path, name];
      switch (path.length) {
        case 0:
          return (await api.listWorkspaces()).map((x) => ({
            level: 'workspace',
            id: x.id,
            name: x.name,
            path: under(x.name),
            ...text(x.description),
          }));
        case 1:
          return (await api.listAssets(w!)).map((x) => ({
            level: 'asset',
            id: x.id,
            name: x.name,
            path: under(x.name),
            ...text(x.description),
          }));
        case 2:
          return (await api.listDivisions(w!, a!)).map((x) => ({
            level: 'division',
            id: x.id,
            name: x.name,
            path: under(x.name),
            ...text(x.description),
          }));
        case 3:
          return (await api.listUnits(w!, a!, d!)).map((x) => ({ level: 'unit', id: x.id, name: x.name, path: under(x.name) }));
        default:
          return (await api.listSignals(w!, a!, d!, u!)).map((x) => {
            const signal = toSignal(x);
            return { level: 'signal', id: x.id, name: x.name, path: under(x.name), ...text(x.description), signal };
          });
      }
    },

    /** Signals whose name, description or physical unit contains the query, case-insensitively. */
    async search(connectionId: string, workspaceId: number, query: string, limit: number): Promise<{ items: Signal[]; total: number }> {
      const q = query.trim().toLowerCase();
      const all = await workspaceSignals(connectionId, workspaceId);
      const found = all.filter(
        (s) => s.name.toLowerCase().includes(q) || s.description.toLowerCase().includes(q) || s.physicalUnit.toLowerCase().includes(q),
      );
      return { items: found.slice(0, limit), total: found.length };
    },

    signal: async (connectionId: string, id: number): Promise<Signal> => toSignal(await (await client(connectionId)).getSignal(id)),

    /** Who the API says a key belongs to. */
    me: (target: ApiTarget) => clientFor(target).me(),
  };
}
