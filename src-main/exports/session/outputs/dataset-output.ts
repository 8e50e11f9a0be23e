import { join, relative, sep } from 'node:path';
import { AppError } from '../../../errors/app-error';
import type { ChunkRecord } from '../../manifest/manifest';
import { outputColumns } from '../../output/columns';
import { listingSha256 } from '../../output/dataset-record';
import { dayOf, partKey } from '../../output/dataset-sink';
import { buildExportRecord, recordBytes } from '../../save/export-record';
import { recordFacts } from '../../save/record-facts';
import type { DatasetStorage, StoredPart } from '../dataset-storage';
import type { Shard } from '../export-session';
import { quietOutput, type OutputContext, type SessionOutput } from './session-output';

/*
 * A Hive-partitioned dataset: each chunk is read in the worker into its parts (one per UTC day it
 * touches, named after the chunk, so shards that run different chunks of one plan never collide),
 * staged in the work folder, then put in the dataset's storage before the chunk is recorded done.
 * Once every chunk is in, the record (`export.json`, a shard's own) is put last, listing every
 * part with its size and SHA-256.
 */

const DAY = 86_400_000;

/** The keys of the parts a chunk wrote: one per UTC day from its first row to its last. */
function partKeys(c: ChunkRecord): string[] {
  if (c.first == null || c.last == null) return [];
  const keys: string[] = [];
  for (let t = Math.floor(c.first / DAY) * DAY; t <= c.last; t += DAY) keys.push(partKey(dayOf(t), c.name));
  return keys;
}

/** The dataset's record: `export.json`, or a shard's own, so that shards writing one dataset never collide. */
export const datasetRecordName = (shard?: Shard) => (shard ? `export.shard-${shard.index}-of-${shard.count}.json` : 'export.json');

export function datasetOutput(ctx: OutputContext, storage: DatasetStorage): SessionOutput {
  const columns = outputColumns(ctx.request);
  const staged = (c: Pick<ChunkRecord, 'name'>) => join(ctx.dir, 'staged', c.name);
  // Parts as stored, as they are put or checked: each is hashed once.
  const known = new Map<string, StoredPart>();
  const lookUp = async (key: string) => {
    const part = known.get(key) ?? (await storage.part(key));
    if (part) known.set(key, part);
    return part;
  };
  const name = datasetRecordName(ctx.shard);

  return {
    ...quietOutput,
    key: { kind: 'dataset', location: storage.location },
    prepare: () => storage.prepare(),
    sink: (c) => ({ kind: 'dataset', dir: staged(c), part: c.name, columns }),
    async intact(c) {
      for (const key of partKeys(c)) if (!(await lookUp(key))) return false;
      return true;
    },
    async commit(c, written) {
      for (const file of written?.files ?? []) {
        const key = relative(staged(c), file).split(sep).join('/');
        known.set(key, await storage.putPart(key, file));
      }
    },
    async finish(chunks) {
      const parts: StoredPart[] = [];
      for (const c of chunks) {
        for (const key of partKeys(c)) {
          const part = await lookUp(key);
          if (!part)
            throw new AppError('file', `The part ${key} of the dataset in ${storage.location} is missing.`, {
              hint: 'Run the export again.',
            });
          parts.push(part);
        }
      }
      parts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const saved = { path: storage.location, bytes: parts.reduce((n, p) => n + p.bytes, 0), sha256: listingSha256(parts) };
      const facts = recordFacts(ctx.manifest(), chunks, {
        options: { format: 'parquet', layout: 'dataset', timeZone: 'UTC', localTimeColumn: false, excelLocale: null },
        appVersion: ctx.appVersion,
        parts,
      });
      await storage.putRecord(name, recordBytes(buildExportRecord(saved, facts, ctx.now())));
      return { kind: 'dataset', saved: { ...saved, parts: parts.length } };
    },
  };
}
