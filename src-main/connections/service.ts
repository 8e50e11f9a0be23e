import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { DEMO_CONNECTION_ID, type Connection, type ConnectionDraft } from '../../src-preload/contract';
import { AppError } from '../errors/app-error';
import type { MainPorts } from '../ports/main-ports';
import { readJsonFile, serialized, writeJsonFile } from '../storage/json-file';

/** Where to send API calls for a connection. Never logged, never sent to the window. */
export interface ApiTarget {
  apiUrl: string;
  apiKey: string;
}

export interface ConnectionsService {
  list(): Promise<Connection[]>;
  save(draft: ConnectionDraft): Promise<Connection>;
  remove(id: string): Promise<void>;
  /** URL and key of a connection; AppError not-found, or unauthorized when it has no key. */
  target(id: string): Promise<ApiTarget>;
}

/** What is kept on disk: no key (that lives in the secret store). */
const StoredConnection = z.object({ id: z.string(), name: z.string(), apiUrl: z.string() });
const StoredConnections = z.array(StoredConnection);
type StoredConnection = z.infer<typeof StoredConnection>;

/** A bound on connections.json. */
export const MAX_CONNECTIONS = 100;

/** The last 4 characters, to recognise a key; none of a short key, of which 4 would be most (`…`). */
export const keyHint = (key: string) => (key.length >= 12 ? `…${key.slice(-4)}` : '…');

/**
 * A stored URL as an address only. An earlier version accepted `?key=…` or `user:key@`: such a
 * key must leave the file (it was in plain text) and the answers; the user enters it again.
 */
function addressOnly(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    if (!url.username && !url.password && !url.search && !url.hash && !/[?#]/.test(apiUrl)) return apiUrl;
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    // Not a URL at all: whatever follows a ? or # still goes; calls will refuse the rest as no URL.
    return apiUrl.replace(/[?#].*$/s, '');
  }
}

export function createConnectionsService(ports: Pick<MainPorts, 'dataDir' | 'secrets' | 'demo' | 'log'>): ConnectionsService {
  const file = join(ports.dataDir, 'connections.json');
  const queue = serialized(file);
  const read = () => readJsonFile(file, StoredConnections, []);
  // First in the queue: rewrite the file if it still holds a URL with credentials.
  const scrubbed = queue(async () => {
    const stored = await read();
    const clean = stored.map((c) => ({ ...c, apiUrl: addressOnly(c.apiUrl) }));
    if (clean.some((c, i) => c.apiUrl !== stored[i]!.apiUrl)) await writeJsonFile(file, clean);
    // Answers never show the credentials (load() strips them again); only the file still holds them.
  }).catch((error: unknown) => ports.log?.warn('Could not rewrite connections.json without the credentials in its URLs', { err: error }));
  const load = async () => (await read()).map((c) => ({ ...c, apiUrl: addressOnly(c.apiUrl) }));

  const demo = (): Connection => ({
    id: DEMO_CONNECTION_ID,
    name: 'Demo data',
    kind: 'demo',
    apiUrl: ports.demo?.baseUrl ?? '',
    hasKey: true,
    keyHint: null,
    keyStorage: 'none',
  });

  const view = async (stored: StoredConnection): Promise<Connection> => {
    const key = await ports.secrets.get(stored.id);
    return {
      ...stored,
      kind: 'nortech',
      hasKey: key !== null,
      keyHint: key === null ? null : keyHint(key),
      keyStorage: key === null ? 'none' : ports.secrets.kind === 'encrypted' ? 'encrypted' : 'session',
    };
  };

  const notFound = (id: string) =>
    new AppError('not-found', `There is no connection "${id}" any more.`, { hint: 'Pick another connection.' });

  return {
    async list() {
      await scrubbed;
      const stored = await load();
      return [demo(), ...(await Promise.all(stored.map(view)))];
    },

    save(draft) {
      return queue(async () => {
        if (draft.id === DEMO_CONNECTION_ID) {
          throw new AppError('validation', '"Demo data" is built in and cannot be edited.', {
            fields: [{ path: 'id', message: 'Built in' }],
          });
        }
        const stored = await load();
        const index = draft.id === undefined ? -1 : stored.findIndex((c) => c.id === draft.id);
        if (draft.id !== undefined && index < 0) throw notFound(draft.id);
        if (index < 0 && stored.length >= MAX_CONNECTIONS) {
          throw new AppError('validation', `There are ${MAX_CONNECTIONS} connections already.`, {
            hint: 'Remove connections you no longer use, then add this one.',
          });
        }
        if (index < 0 && !draft.apiKey) {
          throw new AppError('validation', 'A new connection needs an API key.', {
            fields: [{ path: 'apiKey', message: 'Enter the API key' }],
          });
        }
        const entry: StoredConnection = { id: draft.id ?? randomUUID(), name: draft.name, apiUrl: draft.apiUrl.replace(/\/+$/, '') };
        if (draft.apiKey) await ports.secrets.set(entry.id, draft.apiKey);
        if (index < 0) stored.push(entry);
        else stored[index] = entry;
        await writeJsonFile(file, stored);
        return view(entry);
      });
    },

    remove(id) {
      return queue(async () => {
        if (id === DEMO_CONNECTION_ID) throw new AppError('validation', '"Demo data" is built in and cannot be removed.');
        const stored = await load();
        if (!stored.some((c) => c.id === id)) throw notFound(id);
        await writeJsonFile(
          file,
          stored.filter((c) => c.id !== id),
        );
        await ports.secrets.delete(id);
      });
    },

    async target(id) {
      // After the scrub, as every answer: it also leaves no lock file behind the caller's back.
      await scrubbed;
      if (id === DEMO_CONNECTION_ID) {
        if (!ports.demo) throw new AppError('unavailable', 'The demo data server is not running.');
        return { apiUrl: ports.demo.baseUrl, apiKey: ports.demo.apiKey };
      }
      const entry = (await load()).find((c) => c.id === id);
      if (!entry) throw notFound(id);
      const apiKey = await ports.secrets.get(id);
      if (apiKey === null) {
        throw new AppError('unauthorized', `The connection "${entry.name}" has no API key.`, {
          hint:
            ports.secrets.kind === 'memory'
              ? 'Keys are kept for one session only here: enter the key again in the connection.'
              : 'Enter the API key in the connection.',
        });
      }
      return { apiUrl: entry.apiUrl, apiKey };
    },
  };
}
