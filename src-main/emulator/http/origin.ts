import type { FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context';

/**
 * The origin the client used (its Host header), so links we hand out (`next.href`, `outputFile`)
 * work whether it called 127.0.0.1, localhost or a forwarded port. Without a Host header: ours.
 */
export function requestOrigin(request: FastifyRequest, ctx: EmulatorContext): string {
  const host = request.headers.host;
  return host && /^[\w.\-:[\]]+$/.test(host) ? `${request.protocol}://${host}` : ctx.baseUrl();
}
