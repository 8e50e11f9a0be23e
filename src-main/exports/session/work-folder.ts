import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../errors/app-error';
import { describeHolder, tryLock, type HeldLock } from '../../storage/file-lock';
import type { Logger } from '../../log/logger';
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

/** The lock file in a work folder: the session that holds it is the only one working there. */
export const WORK_LOCK = 'session.lock';

/**
 * Takes the work folder for this session, or refuses: another session (this process or another,
 * here or on a machine sharing the folder) is working in it, whatever either was asked. Never
 * says the other was interrupted: it runs. A holder killed (kill -9) leaves a stale lock, taken over.
 */
export async function lockWorkFolder(dir: string, what: string): Promise<HeldLock> {
  const lock = await tryLock(join(dir, WORK_LOCK));
  if ('release' in lock) return lock;
  throw new AppError('validation', `An export of ${what} is running in ${dir} (${describeHolder(lock.heldBy)}).`, {
    hint: `Wait for it to end, or stop it first. If no such process runs, delete ${join(dir, WORK_LOCK)}.`,
  });
}

/** `.NAME.<hex>.tmp`: atomic-save's temporary file of an output (housekeeping/leftovers.ts's SAVE_TEMP, for one name). */
const isTempOf = (name: string, file: string) =>
  file.startsWith(`.${name}.`) && file.length === name.length + 18 && /\.[0-9a-f]{12}\.tmp$/.test(file);

/**
 * Removes the temporary files an earlier run of this output left beside it (killed while the file
 * was being put together): whatever their age, as the caller holds the output's work folder, so
 * no other run writes it. The day-old rule of housekeeping is for names nobody holds.
 */
export async function removeOutputTemps(path: string, log?: Logger): Promise<void> {
  const name = basename(path);
  const entries = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const file of entries.filter((f) => isTempOf(name, f))) {
    await rm(join(dirname(path), file), { force: true }).then(
      () => log?.info('Removed a temporary file an earlier run of this export left', { file }),
      (error: unknown) => log?.warn('Could not remove a temporary file an earlier run left', { file, err: error }),
    );
  }
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
  // Written while the session goes on (the first request goes out meanwhile): the store's updates
  // are queued in order, each a whole state, so the plan's record lands after it, and a failure
  // here is the next update's too. A fresh manifest lost to a crash is a fresh export again.
  store.update((m) => m).catch(() => undefined);
  return store;
}
