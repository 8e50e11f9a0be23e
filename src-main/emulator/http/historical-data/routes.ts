import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSignalByNames } from '../../catalog/catalog-queries';
import type { CatalogSignal } from '../../catalog/catalog-types';
import { countRows } from '../../values/row-count';
import type { EmulatorContext } from '../context';
import { ids } from '../metadata/params';
import { requestOrigin } from '../origin';
import type { DataJob } from './data-requests';
import type { AskedFor } from './request-record';
import { validateDataRequest, type DataRequestBody } from './request-body';

/*
 * POST /api/v1/historical-data/sync|async and GET /api/v1/historical-data/{requestId}.
 * Order of checks, as the brief lists them: 400 (every body problem), 404 "Signals not found"
 * (the missing ones, as given), 404 "Signal Data not found" (nothing in [start, end)), then the
 * request gets an ID and a file.
 */

export function registerDataRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/api/v1/historical-data/sync', async (req, reply) => {
    const job = prepare(req, reply, ctx, 'sync');
    if (!job) return reply;
    const result = await ctx.requests.runSync(job, requestOrigin(req, ctx));
    return reply.code(result.status === 'Failed' ? 500 : 200).send(result);
  });

  app.post('/api/v1/historical-data/async', async (req, reply) => {
    const job = prepare(req, reply, ctx, 'async');
    if (!job) return reply;
    return ctx.requests.startAsync(job, requestOrigin(req, ctx));
  });

  app.get('/api/v1/historical-data/:requestId', async (req, reply) => {
    const { requestId } = ids(req.params, ['requestId']);
    return ctx.requests.status(requestId) ?? reply.code(404).send({ status: 'Request not found' });
  });
}

/** Validates and resolves a data request; on a problem sends the answer and returns null. */
function prepare(req: FastifyRequest, reply: FastifyReply, ctx: EmulatorContext, mode: 'sync' | 'async'): DataJob | null {
  const { catalog } = ctx;
  const validated = validateDataRequest(req.body, (search) => {
    const signal = findSignalByNames(catalog, search);
    return signal && String(signal.id);
  });
  if (!validated.ok) {
    reply.code(400).send({ status: 'Validation Error', errors: validated.errors });
    return null;
  }
  const body: DataRequestBody = validated.value;
  const asked: AskedFor = {
    mode,
    signals: body.signals.map((s) => (s.kind === 'id' ? s.id : s.search)),
    window: { start: body.startMs, end: body.endMs },
    format: body.format,
  };

  const signals: CatalogSignal[] = [];
  const names: string[] = [];
  const missing: unknown[] = [];
  for (const s of body.signals) {
    const signal = s.kind === 'id' ? catalog.signalsById.get(s.id) : findSignalByNames(catalog, s.search);
    if (!signal) missing.push(s.given);
    else {
      signals.push(signal);
      names.push(s.kind === 'search' && s.search.rename !== undefined ? s.search.rename : String(signal.id));
    }
  }
  if (missing.length > 0) {
    ctx.requests.refused(asked, 'Signals not found', null);
    reply.code(404).send({ status: 'Signals not found', details: { signals: missing } });
    return null;
  }

  // Historical storage holds data up to storedUntil() (now, or now - the cold-storage lag), that
  // instant included: no end, or a later one, stops there.
  const until = ctx.storedUntil() + 1;
  const window = { startMs: body.startMs, endMs: Math.min(body.endMs ?? until, until) };
  const rows = countRows(signals, window);
  if (rows === 0) {
    ctx.requests.refused(asked, 'Signal Data not found', 0);
    reply.code(404).send({ status: 'Signal Data not found' });
    return null;
  }
  return { signals, names, window, format: body.format, rows, asked };
}
