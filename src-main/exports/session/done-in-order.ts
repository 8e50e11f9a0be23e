import type { Slice } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import type { ChunkRecord, ManifestStore } from '../manifest/manifest';

/**
 * The chunks of an export in time order as each is done, while the runner still works on later
 * ones (which may finish first: they wait on disk). `wake` on every chunk done, `end` when the
 * runner stops; a runner that failed fails the reader too.
 */
export function doneInOrder(manifest: ManifestStore) {
  let waiters: (() => void)[] = [];
  let ended = false;
  let failure: unknown = null;
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  return {
    wake,
    end(error: unknown) {
      ended = true;
      failure = error;
      wake();
    },
    async *chunks(window: Slice): AsyncIterable<ChunkRecord> {
      let t = window.start;
      // Chunks are sorted by start and those before `t` no longer change: the search goes on from
      // where it was (a find from the first chunk each time was O(n²) at 100,000 chunks).
      let at = 0;
      while (t < window.end) {
        const chunks = manifest.get().chunks;
        while (at < chunks.length && chunks[at]!.start < t) at++;
        const c = chunks[at]?.start === t ? chunks[at] : undefined;
        if (c?.state === 'done') {
          yield c;
          t = c.end;
          continue;
        }
        if (ended)
          throw failure ?? new AppError('internal', `The export ended without the chunk that starts at ${new Date(t).toISOString()}.`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
