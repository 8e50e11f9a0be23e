import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../app/ports';
import { memorySecretStore } from '../app/memory-secret-store';

/**
 * API keys encrypted by the OS keychain (safeStorage). Where it cannot encrypt, or Linux would
 * fall back to its plain-text backend, keys are kept in memory for this run only: never on disk in clear.
 */
export function safeSecretStore(dataDir: string): SecretStore {
  const plainText = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || plainText) return memorySecretStore();
  const dir = join(dataDir, 'secrets');
  const file = (id: string) => join(dir, `${Buffer.from(id).toString('hex')}.bin`);
  return {
    kind: 'encrypted',
    async get(id) {
      if (!existsSync(file(id))) return null;
      return safeStorage.decryptString(await readFile(file(id)));
    },
    async set(id, secret) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file(id)}.tmp`;
      await writeFile(tmp, safeStorage.encryptString(secret), { mode: 0o600 });
      await rename(tmp, file(id));
    },
    async delete(id) {
      await rm(file(id), { force: true });
    },
  };
}
