import { describe, expect, it } from 'vitest';
import type { CallName } from '../../src-preload/contract';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';
import { testSelectedSignal } from '../../src-preload/contract/testing/signals';

/*
 * Input the contract refuses at the door, with a message on the field, before any handler runs:
 * what would otherwise fail later as `internal` ("Invalid character in header content", "URI
 * malformed"), be stored unbounded, or keep a key in plain text.
 */

const reached: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, name: string) => () => {
    reached.push(name);
    return null;
  },
});

async function refused(name: CallName, input: unknown, field: RegExp): Promise<void> {
  reached.length = 0;
  const answer = await dispatch(handlers, name, input, { transport: 'http' });
  expect(answer.ok, `${name} accepted ${JSON.stringify(input).slice(0, 120)}`).toBe(false);
  if (answer.ok) return;
  expect(answer.error.kind).toBe('validation');
  expect(answer.error.details?.fields?.map((f) => f.path)).toContainEqual(expect.stringMatching(field));
  expect(reached).toEqual([]);
}

const signal = testSelectedSignal({ rename: 'flow' });
const selection = {
  name: 'Mine',
  connectionId: 'demo',
  signals: [signal],
  window: { start: 'now-24h', end: 'now', timeZone: 'Europe/Lisbon' },
  format: 'csv',
};
const draft = { name: 'Plant', apiUrl: 'https://api.apps.nor.tech', apiKey: 'sk-live-0123456789abcdef' };

describe('the contract refuses, naming the field', () => {
  it('an accepted input still gets through (the fixtures are valid)', async () => {
    for (const [name, input] of [
      ['connections.save', draft],
      ['selections.save', selection],
      ['catalog.children', { connectionId: 'demo', path: ['Ålesund Wind', 'String A'] }],
    ] as const) {
      expect((await dispatch(handlers, name, input, { transport: 'http' })).ok).toBe(true);
    }
  });

  it('an API key with control characters, spaces inside or letters a header cannot carry', async () => {
    for (const apiKey of ['sk\nlive', 'sk\u0000live', 'sk live', 'sk\u007flive', 'clé-secrète', 'sk\u2028x']) {
      await refused('connections.save', { ...draft, apiKey }, /^apiKey$/);
      await refused('connections.test', { ...draft, apiKey }, /^apiKey$/);
    }
  });

  it('an API URL with credentials anywhere: user, password, query, fragment', async () => {
    for (const apiUrl of [
      'https://api.apps.nor.tech/?key=sk-live-0123',
      'https://api.apps.nor.tech/v1?token=x',
      'https://api.apps.nor.tech/#sk-live-0123',
      'https://user:sk-live@api.apps.nor.tech',
      'https://sk-live@api.apps.nor.tech',
      `https://api.apps.nor.tech/${'a'.repeat(3000)}`,
    ]) {
      await refused('connections.save', { ...draft, apiUrl }, /^apiUrl$/);
    }
  });

  it('a lone surrogate or a control character in a catalog path or search', async () => {
    await refused('catalog.children', { connectionId: 'demo', path: ['W', 'A\uD800'] }, /^path\.1$/);
    await refused('catalog.children', { connectionId: 'demo', path: ['W\n'] }, /^path\.0$/);
    await refused('catalog.children', { connectionId: 'demo', path: ['x'.repeat(256)] }, /^path\.0$/);
    await refused('catalog.search', { connectionId: 'demo', workspaceId: 1, query: 'pump\uDC00' }, /^query$/);
  });

  it('an unknown time zone in a saved selection', async () => {
    for (const timeZone of ['Mars/Base', 'Europe/Lisbon\u0000', 'x'.repeat(65)]) {
      await refused('selections.save', { ...selection, window: { ...selection.window, timeZone } }, /^window\.timeZone$/);
    }
  });

  it('unbounded strings and lists that would be stored', async () => {
    await refused(
      'selections.save',
      { ...selection, window: { ...selection.window, start: 'now'.padEnd(10_000, ' -1h') } },
      /^window\.start$/,
    );
    await refused('selections.save', { ...selection, id: 'x'.repeat(10_000) }, /^id$/);
    await refused(
      'selections.save',
      { ...selection, signals: Array.from({ length: 501 }, (_, i) => ({ ...signal, id: i + 1, rename: `s${i}` })) },
      /^signals$/,
    );
    await refused(
      'selections.save',
      { ...selection, signals: [{ ...signal, description: 'x'.repeat(1_000_000) }] },
      /^signals\.0\.description$/,
    );
    await refused(
      'selections.save',
      { ...selection, signals: [{ ...signal, longDescription: 'x'.repeat(1_000_000) }] },
      /^signals\.0\.longDescription$/,
    );
    await refused('selections.save', { ...selection, signals: [{ ...signal, name: 'x'.repeat(100_000) }] }, /^signals\.0\.name$/);
    await refused(
      'selections.save',
      { ...selection, signals: [{ ...signal, unit: { id: 4, name: 'U\uD800' } }] },
      /^signals\.0\.unit\.name$/,
    );
    await refused('selections.save', { ...selection, connectionId: 'c\uD800' }, /^connectionId$/);
    await refused('connections.save', { ...draft, name: 'Plant\u0007' }, /^name$/);
  });

  it('exports, previews and history: names, times, ids, zones, locales and paths out of bounds', async () => {
    const request = {
      connectionId: 'demo',
      signals: [signal],
      timeWindow: { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' },
      format: 'csv',
    };
    expect((await dispatch(handlers, 'exports.start', request, { transport: 'http' })).ok).toBe(true);
    await refused('exports.start', { ...request, signals: [{ ...signal, rename: 'flow\tnow' }] }, /^signals\.0\.rename$/);
    await refused('exports.start', { ...request, signals: [{ ...signal, rename: 'x'.repeat(128) }] }, /^signals\.0\.rename$/);
    await refused(
      'exports.start',
      { ...request, timeWindow: { ...request.timeWindow, start: `2025-01-01T00:00:00.${'1'.repeat(100)}Z` } },
      /^timeWindow\.start$/,
    );
    await refused('exports.status', { jobId: 'j\n1' }, /^jobId$/);
    await refused('exports.status', { jobId: 'x'.repeat(65) }, /^jobId$/);
    await refused('exports.save', { jobId: 'j1', format: 'csv', timeZone: 'local' }, /^timeZone$/);
    await refused('exports.save', { jobId: 'j1', format: 'csv', excelLocale: 'de-1996-1996' }, /^excelLocale$/);
    await refused('exports.showInFolder', { path: `/tmp/${'x'.repeat(5000)}` }, /^path$/);
    await refused('exports.showInFolder', { path: '/tmp/a\u0000b' }, /^path$/);
    await refused('preview.series', { jobId: 'j1', range: { start: 0, end: 9e15 }, points: 100 }, /^range\.end$/);
    await refused('preview.rows', { jobId: 'j1', at: -1e16, limit: 10 }, /^at$/);
    await refused('history.open', { id: 'a\uD800' }, /^id$/);
    await refused('history.remove', { id: '' }, /^id$/);
  });
});
