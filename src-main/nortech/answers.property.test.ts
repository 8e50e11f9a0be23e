import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { errorFromResponse } from './api-errors';
import { createNortechClient } from './client';
import { startScriptedServer, type ScriptedServer } from './testing/scripted-server';

/*
 * Whatever Nortech (or a proxy in front of it) answers, the client ends in a checked value or one
 * typed AppError: never a TypeError, a zod error or a crash.
 */

let server: ScriptedServer;
beforeAll(async () => void (server = await startScriptedServer({ status: 200, json: {} })));
afterAll(() => server.close());

const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      status: fc.constantFrom(
        'Failed',
        'Validation Error',
        'Unauthorized',
        'Signals not found',
        'Signal Data not found',
        'Finished',
        'Running',
      ),
      details: fc.jsonValue(),
      errors: fc.jsonValue(),
      error: fc.jsonValue(),
      requestId: fc.jsonValue(),
      outputFile: fc.jsonValue(),
    },
    { requiredKeys: ['status'] },
  ),
  fc.record({ size: fc.jsonValue(), data: fc.array(fc.jsonValue(), { maxLength: 3 }), next: fc.jsonValue() }),
);

describe('malformed API answers', () => {
  it('errorFromResponse turns any status and body into an AppError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.anything(), (status, anything) => {
        const e = errorFromResponse(status, anything, 'test');
        expect(e).toBeInstanceOf(AppError);
        expect(e.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('every client call ends in a value or an AppError, over real HTTP', async () => {
    const client = createNortechClient({ apiUrl: server.url, apiKey: 'k', version: '1', retry: { baseDelayMs: 0, maxDelayMs: 0 } });
    const calls = [
      () => client.me(),
      () => client.listWorkspaces(),
      () => client.getSignal(1),
      () => client.requestDataSync({ signals: [1], timeWindow: { start: 'a', end: 'b' }, format: 'csv' }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.oneof(
          body.map((json) => ({ json })),
          fc.string().map((text) => ({ text })),
          fc.uint8Array({ maxLength: 64 }).map((b) => ({ text: Buffer.from(b).toString('latin1') })),
        ),
        fc.integer({ min: 0, max: calls.length - 1 }),
        async (status, answer, which) => {
          server.script({ status, ...answer });
          const outcome = await calls[which]!().then(
            () => 'value',
            (e: unknown) => e,
          );
          if (outcome !== 'value') expect(outcome).toBeInstanceOf(AppError);
        },
      ),
      { numRuns: 150 },
    );
  });
});
