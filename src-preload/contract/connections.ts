import { z } from 'zod';
import { call, Done, NoInput } from './define';
import { LIMITS, oneLine, OwnId } from './bounds';

export const DEFAULT_API_URL = 'https://api.apps.nor.tech';
export const DEMO_CONNECTION_ID = 'demo';

export const ConnectionId = OwnId;

/** A connection as the window sees it: never the key itself. */
export const Connection = z.object({
  id: ConnectionId,
  name: z.string(),
  /** `demo` is the embedded emulator, always present; `nortech` is a real (or compatible) API. */
  kind: z.enum(['demo', 'nortech']),
  apiUrl: z.string(),
  hasKey: z.boolean(),
  /** The key's last 4 characters, to recognise it (`…a1b2`); `…` alone for a key under 12 characters. */
  keyHint: z.string().nullable(),
  /** `encrypted`: kept by the OS keychain; `session`: in memory until the app quits. */
  keyStorage: z.enum(['encrypted', 'session', 'none']),
});
export type Connection = z.infer<typeof Connection>;

/**
 * An API's address and nothing else: no user, password, query or fragment, where a key would be
 * kept in plain text (connections.json, logs) instead of the keychain.
 */
export const ApiUrl = z
  .string()
  .trim()
  .max(LIMITS.url, `At most ${LIMITS.url} characters`)
  .url('Enter a full URL, e.g. https://api.apps.nor.tech')
  .refine((u) => /^https?:\/\//i.test(u), 'The API URL must start with http:// or https://')
  .refine(
    addressOnly,
    'Only the address, like https://api.apps.nor.tech: no user, password, ?query or #fragment (the key has its own field)',
  );

function addressOnly(text: string): boolean {
  try {
    const url = new URL(text);
    return !url.username && !url.password && !url.search && !url.hash && !/[?#]/.test(text);
  } catch {
    // Not a URL: the schema's own message says so.
    return false;
  }
}

/** What an HTTP header can carry as a bearer token: visible ASCII, no spaces or control characters. */
export const ApiKey = z
  .string()
  .trim()
  .min(1, 'Enter the API key')
  .max(LIMITS.apiKey, `At most ${LIMITS.apiKey} characters`)
  .regex(/^[\x21-\x7E]+$/, 'An API key holds only letters, digits and symbols: no spaces, line breaks or accented letters');

export const ConnectionDraft = z.object({
  /** Absent: a new connection. */
  id: ConnectionId.optional(),
  name: oneLine(80).trim().min(1, 'Give the connection a name'),
  apiUrl: ApiUrl,
  /** Absent when editing: keep the stored key. */
  apiKey: ApiKey.optional(),
});
export type ConnectionDraft = z.infer<typeof ConnectionDraft>;

/** Who the API says we are (`GET /api/me`). */
export const Me = z.object({
  username: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  roles: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const connectionCalls = {
  'connections.list': call('Every connection, "Demo data" first.', NoInput, z.array(Connection)),
  'connections.save': call('Add a connection, or edit one (keeping its key when none is given).', ConnectionDraft, Connection),
  'connections.remove': call('Forget a connection and its key.', z.object({ id: ConnectionId }), Done),
  'connections.test': call(
    'Ask the API who we are, with a saved connection or a draft not yet saved.',
    // The draft first: z.object strips unknown keys, so `{id}` first would swallow a draft that has an id.
    z.union([ConnectionDraft.required({ apiKey: true }), z.object({ id: ConnectionId })]),
    Me,
  ),
};
