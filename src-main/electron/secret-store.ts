import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../ports/main-ports';
import { memorySecretStore } from '../app/memory-secret-store';
import { AppError } from '../errors/app-error';
import { silentLogger, type Logger } from '../log/logger';

/**
 * The part of Electron's `safeStorage` we use: its asynchronous API (the synchronous one is
 * deprecated in Electron 45 and gone in 46). A parameter, so tests can pass a stand-in.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which keyring Chromium picked; `basic_text` means a hard-coded key, i.e. plain text. */
  getSelectedStorageBackend?(): string;
}

/** Linux backends that keep the key in a real keyring. Anything else (`basic_text`, `unknown`, a future name) is not trusted. */
const LINUX_KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * On Linux the keyring is asked over D-Bus, which can hang where no secret service answers; the app
 * must still start. (macOS is not timed: its Keychain may be waiting for the user to click Allow.)
 */
export const LINUX_KEYRING_TIMEOUT_MS = 10_000;

/** Why keys cannot be encrypted on disk here, or null when they can. */
export async function whyNotEncrypted(
  safe: SafeStorageLike,
  platform: NodeJS.Platform,
  linuxTimeoutMs = LINUX_KEYRING_TIMEOUT_MS,
): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), linuxTimeoutMs)));
  let available: boolean | 'timeout' = false;
  try {
    const asked = safe.isAsyncEncryptionAvailable();
    available = platform === 'linux' ? await Promise.race([asked, tooSlow]) : await asked;
  } catch {
    // Said as the reason below: the window shows it and the app's start logs it.
    available = false;
  } finally {
    clearTimeout(timer);
  }
  if (available === 'timeout') return 'the system keyring did not answer';
  if (!available) return 'the operating system offers no encryption for this app';
  if (platform === 'linux') {
    const backend = safe.getSelectedStorageBackend?.() ?? 'unknown';
    if (!LINUX_KEYRINGS.has(backend)) return `no keyring is available (Chromium chose "${backend}", which is not encrypted)`;
  }
  return null;
}

export interface SafeSecretStore {
  store: SecretStore;
  /** Set when keys are kept for this run only: what the app says to the user. */
  memoryOnlyReason: string | null;
}

/**
 * API keys encrypted by the OS (Keychain, DPAPI, libsecret/KWallet) in `<dataDir>/secrets/`.
 * Where that is not possible, keys live in memory for this run only (`app.info` then says
 * `secretStorage: 'memory'`): never on disk in clear, never in a plain-text-backed store.
 */
export async function createSafeSecretStore(
  safe: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform,
  log: Logger = silentLogger,
): Promise<SafeSecretStore> {
  const reason = await whyNotEncrypted(safe, platform);
  if (reason) return { store: memorySecretStore(), memoryOnlyReason: reason };

  const dir = join(dataDir, 'secrets');
  // The id (a connection id) names the file; hex keeps any id a safe file name.
  const file = (id: string) => join(dir, `${Buffer.from(id, 'utf8').toString('hex')}.bin`);

  async function write(id: string, secret: string): Promise<void> {
    let sealed: Buffer;
    try {
      sealed = await safe.encryptStringAsync(secret);
    } catch (error) {
      throw new AppError(
        'file',
        'The API key could not be encrypted, so it was not saved.',
        {
          hint: 'Unlock your system keyring and try again.',
          retryable: true,
        },
        { cause: error },
      );
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file(id)}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, file(id));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  const store: SecretStore = {
    kind: 'encrypted',
    async get(id) {
      let sealed: Buffer;
      try {
        sealed = await readFile(file(id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new AppError('file', `Could not read the saved API key: ${(error as Error).message}`);
      }
      let opened: { shouldReEncrypt: boolean; result: string };
      try {
        opened = await safe.decryptStringAsync(sealed);
      } catch (error) {
        // The keyring changed (new OS user, reset keychain): the key is lost; ask for it again.
        log.warn('A saved API key could not be decrypted: the connection needs its key again', { connectionId: id, err: error });
        return null;
      }
      // The OS rotated its key: store the key under the new one so it stays readable. If that
      // fails, the old sealing still opens this time: use the key, and say so.
      if (opened.shouldReEncrypt) {
        log.hide(opened.result);
        await write(id, opened.result).catch((error: unknown) =>
          log.warn('Could not re-encrypt a saved API key under the new system key', { connectionId: id, err: error }),
        );
      }
      return opened.result;
    },
    set: write,
    async delete(id) {
      await rm(file(id), { force: true });
    },
  };
  return { store, memoryOnlyReason: null };
}
