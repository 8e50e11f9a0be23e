import { join, relative, sep } from 'node:path';
import { AppError } from '../../../errors/app-error';
import type { ChunkPart, ChunkRecord } from '../../manifest/manifest';
import { outputColumns } from '../../output/columns';
import { listingSha256 } from '../../output/dataset-record';
import { dayOf, partKey } from '../../output/dataset-sink';
import { buildExportRecord, recordBytes } from '../../save/export-record';
import { recordFacts } from '../../save/record-facts';
import type { DatasetStorage, StoredPart } from '../dataset-storage';
import type { Shard } from '../export-session';
import { checkDatasetOwner } from './dataset-owner';
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

/**
 * The dataset's record: `export.json`, or a shard's own, so that shards writing one dataset never
 * collide; appended beside another export's dataset, named after its first day (the other's kept).
 */
export const datasetRecordName = (shard?: Shard, base = 'export') =>
  shard ? `${base}.shard-${shard.index}-of-${shard.count}.json` : `${base}.json`;

export function datasetOutput(ctx: OutputContext, storage: DatasetStorage, existing: 'refuse' | 'overwrite' | 'append'): SessionOutput {
  const columns = outputColumns(ctx.request);
  const staged = (c: Pick<ChunkRecord, 'name'>) => join(ctx.dir, 'staged', c.name);
  // Parts as stored, as they are put or checked: each is hashed once.
  const known = new Map<string, StoredPart>();
  const lookUp = async (key: string) => {
    const part = known.get(key) ?? (await storage.part(key));
    if (part) known.set(key, part);
    return part;
  };
  const base = existing === 'append' ? `export.${ctx.request.timeWindow.start.slice(0, 10)}` : 'export';
  const name = datasetRecordName(ctx.shard, base);

  return {
    ...quietOutput,
    key: { kind: 'dataset', location: storage.location },
    async prepare() {
      await storage.prepare();
      await checkDatasetOwner(storage, ctx.request, existing);
    },
    sink: (c) => ({ kind: 'dataset', dir: staged(c), part: c.name, columns }),
    async intact(c) {
      // Each part as recorded when it was put (older records: each day's part present).
      const recorded = c.parts?.filter((p) => p.where === 'dataset');
      if (!recorded?.length) {
        for (const key of partKeys(c)) if (!(await lookUp(key))) return false;
        return true;
      }
      for (const p of recorded) {
        const stored = await lookUp(p.file);
        if (stored?.bytes !== p.bytes || stored.sha256 !== p.sha256) return false;
      }
      return true;
    },
    async commit(c, written) {
      const parts: ChunkPart[] = [];
      for (const file of written?.files ?? []) {
        const key = relative(staged(c), file).split(sep).join('/');
        const part = await storage.putPart(key, file);
        known.set(key, part);
        parts.push({ where: 'dataset', file: part.file, bytes: part.bytes, sha256: part.sha256 });
      }
      return parts;
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
