import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerApiGuard } from './api-guard';
import type { EmulatorContext } from './context';
import { registerDataRoutes } from './historical-data/routes';
import { registerFileHost } from './files/routes';
import { registerLiveDataRoutes } from './live-data/routes';
import { QueryError } from './metadata/list-page';
import { registerMetadataById } from './metadata/routes-by-id';
import { registerMetadataByName } from './metadata/routes-by-name';

/** The emulator's HTTP app: API under /api, the file host under /files. Not yet listening. */
export function buildServer(ctx: EmulatorContext, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          // Never log a secret: drop headers and the query (which holds the file signature).
          serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?', 1)[0] }) },
        }
      : false,
    // Long data requests: no server-side cut-off of our own beyond the data request time limit.
    requestTimeout: 0,
    // close() must not wait for a slow download or a client that keeps its connection open.
    forceCloseConnections: true,
    exposeHeadRoutes: true,
  });

  // Bodies arrive as text and are parsed by the data routes, which answer bad JSON in the brief's
  // 400 shape rather than Fastify's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err instanceof QueryError) return reply.code(400).send({ status: 'Validation Error', details: err.message });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) app.log.error(err);
    return reply.code(status).send({ status: status === 500 ? 'Internal Server Error' : err.message });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ status: 'Not Found' }));

  registerApiGuard(app, ctx);
  app.get('/api/health', async () => ({ status: 'OK' }));
  app.get('/api/me', async () => ({ ...ctx.catalog.user }));
  registerMetadataByName(app, ctx);
  registerMetadataById(app, ctx);
  registerDataRoutes(app, ctx);
  registerLiveDataRoutes(app, ctx);
  registerFileHost(app, ctx);
  return app;
}
