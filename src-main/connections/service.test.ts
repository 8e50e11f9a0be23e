import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../app/memory-secret-store';
import type { SecretStore } from '../ports/main-ports';
import { createConnectionsService } from './service';

describe('connections', () => {
  let dataDir: string;
  let secrets: SecretStore;
  const demo = { baseUrl: 'http://127.0.0.1:9', apiKey: 'demo-key' };
  const service = () => createConnectionsService({ dataDir, secrets, demo });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'se-connections-'));
    secrets = memorySecretStore();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('lists "Demo data" first, on a fresh data folder', async () => {
    const list = await service().list();
    expect(list).toEqual([expect.objectContaining({ id: 'demo', name: 'Demo data', kind: 'demo', apiUrl: demo.baseUrl })]);
    await expect(service().target('demo')).resolves.toEqual({ apiUrl: demo.baseUrl, apiKey: 'demo-key' });
  });

  it('adds a connection, keeps its key only in the secret store, and shows only a hint', async () => {
    const saved = await service().save({ name: 'Plant', apiUrl: 'https://api.apps.nor.tech/', apiKey: 'sk-live-ABCDEFGH1234' });
    expect(saved).toMatchObject({
      name: 'Plant',
      kind: 'nortech',
      apiUrl: 'https://api.apps.nor.tech',
      hasKey: true,
      keyHint: '…1234',
      keyStorage: 'session',
    });
    expect(JSON.stringify(saved)).not.toContain('sk-live-ABCDEFGH1234');
    for (const file of await readdir(dataDir)) expect(await readFile(join(dataDir, file), 'utf8')).not.toContain('sk-live');
    await expect(service().target(saved.id)).resolves.toEqual({ apiUrl: 'https://api.apps.nor.tech', apiKey: 'sk-live-ABCDEFGH1234' });
  });

  it('keeps the stored key when an edit gives none', async () => {
    const saved = await service().save({ name: 'Plant', apiUrl: 'https://a.example', apiKey: 'key-one-1111' });
    const edited = await service().save({ id: saved.id, name: 'Plant B', apiUrl: 'https://b.example' });
    expect(edited).toMatchObject({ name: 'Plant B', keyHint: '…1111' });
    await expect(service().target(saved.id)).resolves.toEqual({ apiUrl: 'https://b.example', apiKey: 'key-one-1111' });
  });

  it('refuses a new connection without a key, and editing or removing Demo data', async () => {
    await expect(service().save({ name: 'X', apiUrl: 'https://x.example' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(service().save({ id: 'demo', name: 'X', apiUrl: 'https://x.example' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(service().remove('demo')).rejects.toMatchObject({ kind: 'validation' });
  });

  it('removes a connection and its key', async () => {
    const saved = await service().save({ name: 'Plant', apiUrl: 'https://a.example', apiKey: 'k-9999' });
    await service().remove(saved.id);
    expect(await secrets.get(saved.id)).toBeNull();
    await expect(service().target(saved.id)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await service().list()).map((c) => c.id)).toEqual(['demo']);
  });

  it('says unauthorized, with what to do, when a connection lost its key (memory store after a restart)', async () => {
    const saved = await service().save({ name: 'Plant', apiUrl: 'https://a.example', apiKey: 'k-9999' });
    secrets = memorySecretStore(); // a new run: memory keys are gone
    const error = await service()
      .target(saved.id)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unauthorized', details: { hint: expect.stringMatching(/enter the key again/i) } });
    expect((await service().list())[1]).toMatchObject({ hasKey: false, keyHint: null, keyStorage: 'none' });
  });

  it('does not lose an edit when two saves race', async () => {
    const shared = service();
    await Promise.all([
      shared.save({ name: 'One', apiUrl: 'https://1.example', apiKey: 'k1' }),
      shared.save({ name: 'Two', apiUrl: 'https://2.example', apiKey: 'k2' }),
      shared.save({ name: 'Three', apiUrl: 'https://3.example', apiKey: 'k3' }),
    ]);
    expect(
      (await service().list())
        .map((c) => c.name)
        .slice(1)
        .sort(),
    ).toEqual(['One', 'Three', 'Two']);
  });

  it('shows no character of a short key: a hint of 4 of 5 characters would be most of the key', async () => {
    for (const [apiKey, hint] of [
      ['abcd', '…'],
      ['abcde', '…'],
      ['k-9999-77', '…'],
      ['sk-live-1234', '…1234'],
    ]) {
      const saved = await service().save({ name: 'Plant', apiUrl: 'https://a.example', apiKey: apiKey! });
      expect([apiKey, saved.keyHint]).toEqual([apiKey, hint]);
    }
  });

  it('takes a key out of a stored API URL (an earlier version accepted ?key=): from the file and from the answers', async () => {
    const leaked = 'sk-live-LEAKED-0123';
    await writeFile(
      join(dataDir, 'connections.json'),
      JSON.stringify([{ id: 'c1', name: 'Old', apiUrl: `https://user:pw@api.example/base?key=${leaked}#frag` }]),
    );
    const list = await service().list();
    expect(list[1]).toMatchObject({ id: 'c1', apiUrl: 'https://api.example/base' });
    expect(JSON.stringify(list)).not.toContain(leaked);
    await service().list();
    expect(await readFile(join(dataDir, 'connections.json'), 'utf8')).not.toMatch(/LEAKED|user|pw|frag/);
  });

  it('keeps at most 100 connections', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, name: `P${i}`, apiUrl: 'https://a.example' }));
    await writeFile(join(dataDir, 'connections.json'), JSON.stringify(many));
    await expect(service().save({ name: 'One more', apiUrl: 'https://a.example', apiKey: 'k' })).rejects.toMatchObject({
      kind: 'validation',
    });
  });

  it('names a damaged connections file instead of starting afresh silently', async () => {
    await writeFile(join(dataDir, 'connections.json'), '{not json');
    await expect(service().list()).rejects.toMatchObject({ kind: 'file', message: expect.stringContaining('connections.json') });
  });
});
