import { describe, expect, it, vi } from 'vitest';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';
import { AppError } from '../errors/app-error';

/** Handlers for the calls under test; any other call is a test bug. */
function handlersWith(partial: Partial<Handlers>): Handlers {
  return new Proxy(partial, {
    get: (target, name: string) =>
      target[name as keyof Handlers] ??
      (() => {
        throw new Error(`unexpected call ${name}`);
      }),
  }) as Handlers;
}

const ctx = { transport: 'ipc' as const };

describe('dispatch', () => {
  it('answers a call with its value in an envelope', async () => {
    const handlers = handlersWith({
      'app.info': () => ({ name: 'Signal Explorer', version: '1.2.3', mode: 'browser', secretStorage: 'memory', platform: 'linux' }),
    });
    await expect(dispatch(handlers, 'app.info', undefined, ctx)).resolves.toEqual({
      ok: true,
      value: { name: 'Signal Explorer', version: '1.2.3', mode: 'browser', secretStorage: 'memory', platform: 'linux' },
    });
  });

  it('refuses input that does not match the schema, and the handler never runs', async () => {
    const start = vi.fn();
    const handlers = handlersWith({ 'exports.start': start });
    const answer = await dispatch(
      handlers,
      'exports.start',
      { connectionId: 'demo', signals: [], timeWindow: { start: 'yesterday' }, format: 'xlsx' },
      ctx,
    );
    expect(start).not.toHaveBeenCalled();
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.kind).toBe('validation');
    const paths = answer.error.details?.fields?.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['signals', 'timeWindow.start', 'timeWindow.end', 'format']));
    expect(answer.error.message).toMatch(/Invalid input for exports\.start/);
  });

  it('refuses a call that is not in the contract', async () => {
    const answer = await dispatch(handlersWith({}), 'fs.readFile', { path: '/etc/passwd' }, ctx);
    expect(answer).toEqual({ ok: false, error: { kind: 'validation', message: 'There is no call named "fs.readFile".' } });
  });

  it("keeps a thrown AppError's kind and details", async () => {
    const handlers = handlersWith({
      'connections.remove': () => {
        throw new AppError('not-found', 'There is no connection "x" any more.', { hint: 'Pick another connection.' });
      },
    });
    await expect(dispatch(handlers, 'connections.remove', { id: 'x' }, ctx)).resolves.toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'There is no connection "x" any more.', details: { hint: 'Pick another connection.' } },
    });
  });

  it('turns an unexpected error into kind internal with its message', async () => {
    const handlers = handlersWith({ 'history.list': () => Promise.reject(new TypeError('boom')) });
    const answer = await dispatch(handlers, 'history.list', undefined, ctx);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal' } });
    if (!answer.ok) expect(answer.error.message).toContain('boom');
  });

  it('passes the parsed input, defaults applied, to the handler', async () => {
    const search = vi.fn(() => ({ items: [], total: 0 }));
    await dispatch(
      handlersWith({ 'catalog.search': search }),
      'catalog.search',
      { connectionId: 'demo', workspaceId: 1, query: '  pump ' },
      ctx,
    );
    expect(search).toHaveBeenCalledWith({ connectionId: 'demo', workspaceId: 1, query: 'pump', limit: 200 }, ctx);
  });
});
