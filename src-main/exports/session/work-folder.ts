import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../errors/app-error';
import { chunkName, manifestStore, readManifest, type Manifest, type ManifestStore } from '../manifest/manifest';
import { tiles } from '../plan/chunk-plan';
import type { SessionSpec, Shard, WorkFolder } from './export-session';

/*
 * A session's work folder and its manifest: a new one, or the one an earlier run left (a job of
 * the app resumed, a command line run with --resume), which must be for the same request and
 * outputs. A command line run without --resume refuses it, saying how to go on.
 */

/** Where an export to `path` keeps its manifest and segments (beside it, on the same disk). */
export function partsDir(path: string, shard?: Shard): string {
  const suffix = shard ? `.shard-${shard.index}-of-${shard.count}` : '';
  return join(dirname(path), `.${basename(path)}${suffix}.parts`);
}

/** The work folder, made if need be; `made`: it did not exist (so a session that cannot open it may remove it). */
export async function makeWorkFolder(work: WorkFolder): Promise<{ dir: string; made: boolean }> {
  // Named as housekeeping/leftovers.ts sweeps it after a killed `plan` (measuring is what a scratch folder is for).
  if (work.kind === 'scratch') return { dir: await mkdtemp(join(tmpdir(), 'signal-explorer-plan-')), made: true };
  const made = (await mkdir(work.dir, { recursive: true })) !== undefined;
  return { dir: work.dir, made };
}

/** The request's side of a resume key: what must be the same to go on from an interrupted export. */
function requestKey(spec: SessionSpec) {
  const r = spec.request;
  return {
    signals: r.signals.map((s) => [s.id, s.rename]),
    window: [Date.parse(r.timeWindow.start), Date.parse(r.timeWindow.end)],
    format: r.format,
    values: r.values,
    shard: spec.chunks.kind === 'preset' ? (spec.chunks.shard ?? null) : null,
  };
}

/**
 * The manifest of the work folder. `outputs`: each output's key; when none writes beyond the work
 * folder (a job's preview), the manifest has no target, as a job's always had.
 */
export async function openManifest(
  spec: SessionSpec,
  dir: string,
  outputs: Record<string, Record<string, unknown>>,
  now: number,
): Promise<ManifestStore> {
  const target = Object.keys(outputs).length
    ? (JSON.parse(JSON.stringify({ ...requestKey(spec), outputs })) as Record<string, unknown>)
    : undefined;
  const existing = await readManifest(dir);
  if (existing) {
    if (spec.existing === 'refuse') {
      const done = existing.chunks.filter((c) => c.state === 'done').length;
      const what = spec.outputs.file?.path ?? spec.outputs.dataset?.storage.location ?? dir;
      throw new AppError(
        'validation',
        `An interrupted export of ${basename(what)} is in ${dir} (${done} of ${existing.chunks.length} chunks done).`,
        { hint: 'Run the same command with --resume to go on from it, or delete that folder to start afresh.' },
      );
    }
    if (JSON.stringify(existing.target ?? null) !== JSON.stringify(target ?? null)) {
      throw new AppError('validation', `The interrupted export in ${dir} was for other signals, another window or another output.`, {
        hint: 'Run exactly the same command with --resume, or delete that folder to start afresh.',
      });
    }
    return manifestStore(dir, existing);
  }
  const preset = spec.chunks.kind === 'preset' ? spec.chunks.slices : null;
  const window = { start: Date.parse(spec.request.timeWindow.start), end: Date.parse(spec.request.timeWindow.end) };
  if (preset && !tiles(window, preset)) throw new AppError('validation', "The plan's chunks do not tile the request's window.");
  const initial: Manifest = {
    kind: 'signal-explorer-export-manifest',
    version: 1,
    jobId: basename(dir),
    createdAt: now,
    request: spec.request,
    apiUrl: spec.connection.apiUrl,
    measured: { rows: 0, ms: 0 },
    planned: !!preset,
    chunks: (preset ?? []).map((s, i) => ({ ...s, name: chunkName(i), state: 'pending', requestIds: [] })),
    ...(target ? { target } : {}),
  };
  const store = manifestStore(dir, initial);
  await store.update((m) => m);
  return store;
}
