import type { FastifyInstance } from 'fastify';
import { findSignalByNames } from '../../catalog/catalog-queries';
import type { CatalogSignal } from '../../catalog/catalog-types';
import { latestSample } from '../../values/latest-sample';
import type { EmulatorContext } from '../context';
import { validateSignals } from '../historical-data/request-body';

/*
 * POST /api/v1/live-data/points: the newest point of each signal at the emulator's now, from the
 * same generator as the history files (a live value equals what the history endpoint answers later
 * for its timestamp). Live data is hot: it is served up to now whatever the cold-storage lag.
 * Answers as the OpenAPI documents them (it wins for every endpoint but sync):
 *   400 {status: "Validation Error", details: "<every problem, joined>"}
 *   404 "Signals not found" (the missing ones, as given), 422 when the signals span workspaces,
 *   404 "Signal Data not found" when none has a point yet;
 *   200 {"<signal ID, or rename>": {timestamp, value}} for those that have one.
 * The API guard (latency, 503s, the key) stands before it as before every other call.
 */

type LiveAnswer = Record<string, { timestamp: string; value: number | boolean | string | object }>;

export function registerLiveDataRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post('/api/v1/live-data/points', async (req, reply) => {
    ctx.liveRequests.count++;
    const invalid = (details: string) => reply.code(400).send({ status: 'Validation Error', details });
    let body: unknown;
    try {
      if (typeof req.body !== 'string' || req.body.trim() === '') throw new Error('the body is empty');
      body = JSON.parse(req.body);
    } catch (err) {
      return invalid(`the body is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(body)) return invalid('the body must be a JSON array of signal IDs or of signal search JSONs');

    const problems: string[] = [];
    const requested = validateSignals(
      body,
      (e) => problems.push(e),
      (search) => {
        const signal = findSignalByNames(ctx.catalog, search);
        return signal && String(signal.id);
      },
    );
    if (!requested) return invalid(problems.join('; '));

    const found: { signal: CatalogSignal; name: string }[] = [];
    const missing: unknown[] = [];
    for (const s of requested) {
      const signal = s.kind === 'id' ? ctx.catalog.signalsById.get(s.id) : findSignalByNames(ctx.catalog, s.search);
      if (!signal) missing.push(s.given);
      else found.push({ signal, name: s.kind === 'search' && s.search.rename !== undefined ? s.search.rename : String(signal.id) });
    }
    if (missing.length > 0) return reply.code(404).send({ status: 'Signals not found', details: { signals: missing } });
    if (new Set(found.map((f) => f.signal.unit.division.asset.workspace.id)).size > 1) {
      return reply.code(422).send({ status: 'Signals must belong to the same workspace' });
    }

    const now = ctx.now();
    const answer: LiveAnswer = {};
    for (const { signal, name } of found) {
      const sample = latestSample(signal, now);
      if (!sample) continue;
      // A json signal's value is its object here (the files hold its JSON text).
      const value = signal.dataType === 'json' ? (JSON.parse(sample.value as string) as object) : sample.value;
      answer[name] = { timestamp: new Date(sample.timestampMs).toISOString(), value };
    }
    if (Object.keys(answer).length === 0) return reply.code(404).send({ status: 'Signal Data not found' });
    return answer;
  });
}
