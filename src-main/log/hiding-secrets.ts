import type { SecretStore } from '../ports/main-ports';
import type { Logger } from './logger';

/**
 * The secret store, telling the log each key it reads or keeps, so that the key is never written
 * whatever it hides in later (an error's text, a header dump). Keys never read in this run are
 * never in memory, so never in a line either.
 */
export function hidingSecrets(store: SecretStore, log: Logger): SecretStore {
  return {
    kind: store.kind,
    async get(id) {
      const secret = await store.get(id);
      if (secret !== null) log.hide(secret);
      return secret;
    },
    async set(id, secret) {
      log.hide(secret);
      await store.set(id, secret);
    },
    delete: (id) => store.delete(id),
  };
}
