import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/*
 * Cursor pagination as the OpenAPI describes it: `size` (1..100, default 100), `nextToken`,
 * `sortBy`, `sortOrder`; the answer carries `next: {token, href}` only when more remains. The
 * token is opaque to clients: base64url JSON of the offset and the sort it belongs to.
 */

export type SortKey<T> = (item: T) => string | number | null;

export class QueryError extends Error {}

// The OpenAPI marks every list parameter allowEmptyValue: `?size=` means "not given".
const emptyIsAbsent = (v: unknown) => (v === '' ? undefined : v);
const once = (name: string) => ({
  error: (iss: { input?: unknown }) => (Array.isArray(iss.input) ? `${name} must be given once` : undefined),
});

function querySchema(sortKeys: [string, ...string[]]) {
  return z.object({
    size: z.preprocess(
      emptyIsAbsent,
      z
        .string(once('size'))
        .regex(/^\d+$/, { error: 'size must be an integer from 1 to 100' })
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(1, { error: 'size must be an integer from 1 to 100' })
            .max(100, { error: 'size must be an integer from 1 to 100' }),
        )
        .optional(),
    ),
    nextToken: z.preprocess(emptyIsAbsent, z.string(once('nextToken')).optional()),
    sortBy: z.preprocess(emptyIsAbsent, z.enum(sortKeys, { error: `sortBy must be one of ${sortKeys.join(', ')}` }).optional()),
    sortOrder: z.preprocess(emptyIsAbsent, z.enum(['asc', 'desc'], { error: 'sortOrder must be asc or desc' }).optional()),
  });
}

const tokenSchema = z.strictObject({
  offset: z.number().int().min(0),
  sortBy: z.string(),
  sortOrder: z.enum(['asc', 'desc']),
});

/** How one kind of list sorts (the sortBy values the OpenAPI gives it) and shows its items. */
export interface Listing<T, V = unknown> {
  sort: Record<string, SortKey<T>>;
  view: (item: T) => V;
}

export interface Page<V> {
  size: number;
  data: V[];
  next?: { token: string; href: string };
}

/** Sorts, slices and wraps `items`; throws QueryError (-> 400) on bad query values. */
export function listPage<T extends { id: number }, V>(
  request: FastifyRequest,
  origin: string,
  items: T[],
  listing: Listing<T, V>,
): Page<V> {
  const { sort: sortKeys, view } = listing;
  const keys = Object.keys(sortKeys) as [string, ...string[]];
  const parsed = querySchema(keys).safeParse(request.query ?? {});
  if (!parsed.success) throw new QueryError(parsed.error.issues.map((i) => i.message).join('; '));
  const q = parsed.data;

  let offset = 0;
  let sortBy = q.sortBy ?? 'id';
  let sortOrder = q.sortOrder ?? 'asc';
  if (q.nextToken !== undefined) {
    const token = decodeToken(q.nextToken);
    if ((q.sortBy && q.sortBy !== token.sortBy) || (q.sortOrder && q.sortOrder !== token.sortOrder)) {
      throw new QueryError('nextToken belongs to another sortBy/sortOrder');
    }
    ({ offset, sortBy, sortOrder } = token);
  }
  const key = sortKeys[sortBy];
  if (!key) throw new QueryError(`nextToken: unknown sort ${sortBy}`);
  const size = q.size ?? 100;
  const sorted = [...items].sort((a, b) => compare(key(a), key(b), a.id, b.id) * (sortOrder === 'desc' ? -1 : 1));
  const data = sorted.slice(offset, offset + size).map(view);
  const page: Page<V> = { size: data.length, data };
  if (offset + size < sorted.length) {
    const token = Buffer.from(JSON.stringify({ offset: offset + size, sortBy, sortOrder })).toString('base64url');
    page.next = { token, href: nextHref(request.url, origin, token) };
  }
  return page;
}

// Nulls first, then values; equal keys fall back to the ID so pages never overlap or skip.
function compare(a: string | number | null, b: string | number | null, idA: number, idB: number): number {
  if (a !== b) {
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  }
  return idA - idB;
}

function decodeToken(token: string): z.infer<typeof tokenSchema> {
  try {
    return tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw new QueryError('nextToken is not a token this server issued');
  }
}

function nextHref(requestUrl: string, origin: string, token: string): string {
  const url = new URL(requestUrl, origin);
  url.searchParams.set('nextToken', token);
  return url.toString();
}
