import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Level } from '../../catalog/catalog-queries';
import { QueryError } from './list-page';

/** Path parameters of the metadata routes: names are any non-empty text, IDs positive integers. */
const idParam = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER));

/** Parses the named params as IDs; throws QueryError (-> 400 Validation Error) naming the first bad one. */
export function ids<K extends string>(params: unknown, names: readonly K[]): Record<K, number> {
  const raw = (params ?? {}) as Record<string, unknown>;
  const out = {} as Record<K, number>;
  for (const name of names) {
    const parsed = idParam.safeParse(raw[name]);
    if (!parsed.success) throw new QueryError(`${name} must be a positive integer ID, got "${String(raw[name])}"`);
    out[name] = parsed.data;
  }
  return out;
}

const nameParams = z.record(z.string(), z.string().min(1));

/** The named params as names (already URL-decoded by the router). */
export function names<K extends string>(params: unknown, keys: readonly K[]): Record<K, string> {
  const parsed = nameParams.safeParse(params ?? {});
  const missing = keys.find((k) => !parsed.success || !parsed.data[k]);
  if (!parsed.success || missing) throw new QueryError(`${missing ?? 'path'} must be a non-empty name`);
  return parsed.data as Record<K, string>;
}

/** 404 in the OpenAPI's shape: `{"status": "Asset not found"}`. */
export function notFound(reply: FastifyReply, level: Level): FastifyReply {
  return reply.code(404).send({ status: `${level} not found` });
}
