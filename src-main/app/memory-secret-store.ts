import type { SecretStore } from '../ports/main-ports';

/** Keys for this run only: browser mode, tests, and a desktop whose keychain cannot encrypt. */
export function memorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (id) => secrets.get(id) ?? null,
    set: async (id, secret) => void secrets.set(id, secret),
    delete: async (id) => void secrets.delete(id),
  };
}
