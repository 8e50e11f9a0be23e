import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { takeOne } from './faults';

/*
 * What stands before every API answer, in the order a real deployment has it: network latency,
 * a load balancer's 503s, then the API's own bearer-token check. `/api/health` is open but still
 * slow and still fails when told to, like any call through the same balancer.
 */

export function registerApiGuard(app: FastifyInstance, ctx: EmulatorContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const { faults } = ctx;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (takeOne(faults, 'fail503Next')) {
      return reply.code(503).header('retry-after', String(faults.retryAfterSeconds)).send({ status: 'Service Unavailable' });
    }
    const path = request.url.split('?', 1)[0];
    if (path === '/api/health') return;
    if (!hasKey(request.headers.authorization, ctx.apiKey)) {
      return reply.code(401).send({ status: 'Unauthorized' });
    }
  });
}

/** `Bearer <key>` (scheme case-insensitive), compared in constant time. */
export function hasKey(header: string | undefined, apiKey: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(apiKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
