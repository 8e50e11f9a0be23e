import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/*
 * Pre-signed URLs in the manner of S3's query-string authentication: the path plus
 * X-Amz-Date / X-Amz-Expires / X-Amz-Signature. The signature is an HMAC-SHA256 of the method,
 * path, date and lifetime with a secret that never leaves the process, so changing any of them
 * (or the file name) breaks it. It is not AWS SigV4: no client checks that, and keeping the
 * parameter names lets a client treat the URL as it would a real one.
 */

export const ALGORITHM = 'EMU-HMAC-SHA256';

export function signPath(secret: Buffer, path: string, issuedAtMs: number, lifetimeS: number): string {
  const date = amzDate(issuedAtMs);
  const query = new URLSearchParams({
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Date': date,
    'X-Amz-Expires': String(lifetimeS),
  });
  query.set('X-Amz-Signature', signature(secret, path, date, lifetimeS));
  return `${path}?${query.toString()}`;
}

const signedQuery = z.object({
  'X-Amz-Algorithm': z.literal(ALGORITHM),
  'X-Amz-Date': z.string().regex(/^\d{8}T\d{6}Z$/),
  'X-Amz-Expires': z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
  'X-Amz-Signature': z.string().regex(/^[0-9a-f]{64}$/),
});

export type Verdict = 'ok' | 'unsigned' | 'bad-signature' | 'expired';

/** Whether the query signs `path`, and if so whether it is still valid at `nowMs`. */
export function verifySignedPath(secret: Buffer, path: string, query: unknown, nowMs: number): Verdict {
  const q = query as Record<string, unknown>;
  if (!q || (q['X-Amz-Signature'] === undefined && q['X-Amz-Date'] === undefined)) return 'unsigned';
  const parsed = signedQuery.safeParse(q);
  if (!parsed.success) return 'bad-signature';
  const { 'X-Amz-Date': date, 'X-Amz-Expires': lifetimeS, 'X-Amz-Signature': given } = parsed.data;
  const expected = Buffer.from(signature(secret, path, date, lifetimeS), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'bad-signature';
  return nowMs > parseAmzDate(date) + lifetimeS * 1000 ? 'expired' : 'ok';
}

/** True when the query carries any signature parameter (S3 then refuses an Authorization header). */
export function hasQueryAuth(query: unknown): boolean {
  const q = (query ?? {}) as Record<string, unknown>;
  return Object.keys(q).some((k) => k.toLowerCase().startsWith('x-amz-'));
}

function signature(secret: Buffer, path: string, date: string, lifetimeS: number): string {
  return createHmac('sha256', secret).update(`GET\n${path}\n${date}\n${lifetimeS}`).digest('hex');
}

/** 20250101T000000Z (whole seconds, as S3 does). */
export function amzDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(d: string): number {
  return Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);
}
