/**
 * The secret store against a stand-in for Electron's `safeStorage` (Electron cannot run on this
 * machine: its binary is fetched on first launch, offline here). The stand-in really encrypts
 * (AES-256-GCM under a key held in memory, as the OS keychain would hold it), so "no plain text on
 * disk" is a real check of our code: what it writes, where, and when it refuses to write at all.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionsService } from '../connections/service';
import { createSafeSecretStore, whyNotEncrypted, type SafeStorageLike } from './secret-store';

const CANARY = `canary-${randomBytes(12).toString('hex')}-api-key`;

function fakeSafeStorage(opts: { available?: boolean; backend?: string; failEncrypt?: boolean } = {}) {
  const key = randomBytes(32);
  const calls = { encrypt: 0, decrypt: 0 };
  let rotated = false;
  const safe: SafeStorageLike & { rotate(): void } = {
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    async encryptStringAsync(plain) {
      calls.encrypt++;
      if (opts.failEncrypt) throw new Error('keyring locked');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      rotated = false;
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decryptStringAsync(sealed) {
      calls.decrypt++;
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      const result = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: rotated };
    },
    rotate: () => void (rotated = true),
  };
  return { safe, calls };
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The canary in any encoding a careless write might use. */
async function canaryFoundIn(dir: string): Promise<string[]> {
  const needles = [
    Buffer.from(CANARY, 'utf8'),
    Buffer.from(CANARY, 'utf16le'),
    Buffer.from(Buffer.from(CANARY).toString('base64')),
    Buffer.from(Buffer.from(CANARY).toString('hex')),
  ];
  const hits: string[] = [];
  for (const file of await allFiles(dir)) {
    const bytes = await readFile(file);
    if (needles.some((n) => bytes.includes(n))) hits.push(file);
  }
  return hits;
}

let dataDir: string;
let logged: string[];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'se-secrets-'));
  logged = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dataDir, { recursive: true, force: true });
});

describe('createSafeSecretStore with a working keyring', () => {
  it('keeps the key encrypted: the canary is nowhere in the data folder, nor in the logs', async () => {
    const { safe } = fakeSafeStorage();
    const { store, memoryOnlyReason } = await createSafeSecretStore(safe, dataDir, 'linux');
    expect(memoryOnlyReason).toBeNull();
    expect(store.kind).toBe('encrypted');
    await store.set('conn-1', CANARY);
    expect(await allFiles(dataDir)).toHaveLength(1);
    expect(await canaryFoundIn(dataDir)).toEqual([]);
    expect(await store.get('conn-1')).toBe(CANARY);
    expect(logged.join('\n')).not.toContain(CANARY);
  });

  it('survives a restart (a new store on the same folder reads it back)', async () => {
    const { safe } = fakeSafeStorage();
    await (await createSafeSecretStore(safe, dataDir, 'darwin')).store.set('conn-1', CANARY);
    const again = await createSafeSecretStore(safe, dataDir, 'darwin');
    expect(await again.store.get('conn-1')).toBe(CANARY);
  });

  it('answers null for an unknown id, and deletes for good', async () => {
    const { store } = await createSafeSecretStore(fakeSafeStorage().safe, dataDir, 'win32');
    expect(await store.get('nope')).toBeNull();
    await store.set('conn-1', CANARY);
    await store.delete('conn-1');
    expect(await store.get('conn-1')).toBeNull();
    expect(await allFiles(dataDir)).toEqual([]);
  });

  it('re-encrypts under the new key when the OS rotated it', async () => {
    const { safe, calls } = fakeSafeStorage();
    const { store } = await createSafeSecretStore(safe, dataDir, 'linux');
    await store.set('conn-1', CANARY);
    const before = await readFile((await allFiles(dataDir))[0]!);
    safe.rotate();
    expect(await store.get('conn-1')).toBe(CANARY);
    expect(calls.encrypt).toBe(2);
    expect(await readFile((await allFiles(dataDir))[0]!)).not.toEqual(before);
    expect(await canaryFoundIn(dataDir)).toEqual([]);
  });

  it('when encryption fails, writes nothing and says so (no plain-text fallback)', async () => {
    const { store } = await createSafeSecretStore(fakeSafeStorage({ failEncrypt: true }).safe, dataDir, 'linux');
    await expect(store.set('conn-1', CANARY)).rejects.toMatchObject({ kind: 'file' });
    expect(await allFiles(dataDir)).toEqual([]);
  });

  it('a key the keyring can no longer open reads as missing, not as garbage', async () => {
    const first = fakeSafeStorage();
    await (await createSafeSecretStore(first.safe, dataDir, 'linux')).store.set('conn-1', CANARY);
    const otherKeyring = await createSafeSecretStore(fakeSafeStorage().safe, dataDir, 'linux');
    expect(await otherKeyring.store.get('conn-1')).toBeNull();
  });
});

describe('createSafeSecretStore where keys cannot be protected: memory only', () => {
  it.each([
    ['Linux with the plain-text backend', { backend: 'basic_text' }, 'linux'],
    ['Linux before a backend is known', { backend: 'unknown' }, 'linux'],
    ['Linux with a backend we do not know', { backend: 'some_future_store' }, 'linux'],
    ['no encryption at all', { available: false }, 'darwin'],
    ['no encryption on Windows', { available: false }, 'win32'],
  ] as const)('%s: keys stay in memory, nothing is written, nothing is encrypted', async (_label, opts, platform) => {
    const { safe, calls } = fakeSafeStorage(opts);
    const { store, memoryOnlyReason } = await createSafeSecretStore(safe, dataDir, platform);
    expect(store.kind).toBe('memory');
    expect(memoryOnlyReason).toMatch(/\w/);
    await store.set('conn-1', CANARY);
    expect(await store.get('conn-1')).toBe(CANARY);
    expect(await allFiles(dataDir)).toEqual([]);
    expect(calls.encrypt).toBe(0);
    expect(logged.join('\n')).not.toContain(CANARY);
  });

  it('ignores the Linux backend on macOS and Windows (the call is Linux-only)', async () => {
    expect(await whyNotEncrypted(fakeSafeStorage({ backend: 'basic_text' }).safe, 'darwin')).toBeNull();
  });

  it('does not wait forever for a Linux keyring that never answers', async () => {
    const safe = { ...fakeSafeStorage().safe, isAsyncEncryptionAvailable: () => new Promise<boolean>(() => {}) };
    expect(await whyNotEncrypted(safe, 'linux', 50)).toMatch(/did not answer/);
  });

  it('treats an availability check that throws as unavailable', async () => {
    const safe = { ...fakeSafeStorage().safe, isAsyncEncryptionAvailable: () => Promise.reject(new Error('no dbus')) };
    expect(await whyNotEncrypted(safe, 'linux')).toMatch(/no encryption/);
  });
});

describe('the canary through the app’s own connections service', () => {
  it('saving a connection with a key leaves it nowhere in plain text under the data folder', async () => {
    const { store } = await createSafeSecretStore(fakeSafeStorage().safe, dataDir, 'linux');
    const connections = createConnectionsService({ dataDir, secrets: store });
    const saved = await connections.save({ name: 'Plant A', apiUrl: 'https://api.apps.nor.tech', apiKey: CANARY });
    expect(saved.keyStorage).toBe('encrypted');
    expect((await allFiles(dataDir)).length).toBeGreaterThanOrEqual(2); // connections.json and the sealed key
    expect(await canaryFoundIn(dataDir)).toEqual([]);
    expect((await connections.target(saved.id)).apiKey).toBe(CANARY);
    expect(logged.join('\n')).not.toContain(CANARY);
  });
});
