import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../../storage/json-file';

/*
 * How a manifest is kept on disk: `manifest.json`, a snapshot written atomically, and beside it
 * `manifest.journal`, the chunks changed since, one JSON line per update, appended and synced. A
 * plan of 100,000 chunks has a 15 MB manifest: rewritten on each of a chunk's three updates, that
 * was ~40 ms of work per update and gigabytes written for one export; a journal line is a few
 * hundred bytes. The journal is folded into a new snapshot once it outgrows the snapshot (so the
 * writes stay proportional to the changes), and an update that changes more than chunks' records
 * in place (a split, the plan growing) writes a snapshot at once.
 *
 * Crash safety: the snapshot names its journal by an ID, and the journal's first line carries it.
 * A journal whose ID is not the snapshot's (a crash between a new snapshot and its new journal) is
 * older than the snapshot and ignored; a torn last line (a crash mid-append) is dropped, as that
 * update had not resolved.
 */

const JOURNAL_FILE = 'manifest.journal';

interface Snapshot {
  chunks: { name: string }[];
  journal?: string;
  [key: string]: unknown;
}

interface Entry {
  measured?: unknown;
  planned?: unknown;
  set: [string, unknown][];
}

/** The manifest's JSON as it is now: the snapshot with its journal applied; null when there is none. */
export async function readJournaled(dir: string): Promise<unknown> {
  const snapshot = await readJsonFile(join(dir, 'manifest.json'), z.unknown(), null);
  if (!isSnapshot(snapshot) || typeof snapshot.journal !== 'string') return snapshot;
  let text: string;
  try {
    text = await readFile(join(dir, JOURNAL_FILE), 'utf8');
  } catch {
    return snapshot;
  }
  const lines = text.split('\n');
  const header = parseLine(lines[0] ?? '') as { journal?: unknown } | null;
  if (header?.journal !== snapshot.journal) return snapshot;
  const at = new Map(snapshot.chunks.map((c, i) => [c?.name, i]));
  const chunks = [...snapshot.chunks];
  const out: Snapshot = { ...snapshot, chunks };
  for (const line of lines.slice(1)) {
    const entry = parseLine(line) as Entry | null;
    if (!entry || !Array.isArray(entry.set)) break;
    if (entry.measured !== undefined) out.measured = entry.measured;
    if (entry.planned !== undefined) out.planned = entry.planned;
    for (const [name, record] of entry.set) {
      const i = at.get(name);
      if (i !== undefined) chunks[i] = record as { name: string };
    }
  }
  return out;
}

function parseLine(line: string): unknown {
  try {
    return line ? JSON.parse(line) : null;
  } catch {
    return null;
  }
}

const isSnapshot = (d: unknown): d is Snapshot => typeof d === 'object' && d !== null && Array.isArray((d as Snapshot).chunks);

/** Writes each new state of a manifest: a journal line when only chunk records changed in place, else a snapshot. */
type Chunks = readonly { name: string }[];

/** `changedSince`: the indices of the records replaced between two chunk lists when known without a scan. */
export function journalWriter<M extends { chunks: Chunks; measured: unknown; planned: unknown }>(
  dir: string,
  changedSince: (prev: Chunks, next: Chunks) => number[] | null,
) {
  let journal: string | null = null;
  let snapshotBytes = 0;
  let journalBytes = 0;

  async function snapshot(next: M): Promise<void> {
    const id = randomUUID();
    await mkdir(dir, { recursive: true });
    // Compact and stringified once: at 100,000 chunks the indented JSON was 15 MB, twice the time.
    const text = JSON.stringify({ ...next, journal: id });
    snapshotBytes = text.length;
    const path = join(dir, 'manifest.json');
    const tmp = `${path}.${id}.tmp`;
    try {
      await writeSynced(tmp, text, 'w');
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const header = `${JSON.stringify({ journal: id })}\n`;
    await writeSynced(join(dir, JOURNAL_FILE), header, 'w');
    journal = id;
    journalBytes = header.length;
  }

  return async (prev: M, next: M): Promise<void> => {
    const entry = journal !== null ? changesOf(prev, next, changedSince) : null;
    if (!entry || journalBytes > Math.max(snapshotBytes, 1 << 20)) return snapshot(next);
    const line = `${JSON.stringify(entry)}\n`;
    await writeSynced(join(dir, JOURNAL_FILE), line, 'a');
    journalBytes += line.length;
  };
}

/** The chunk records `next` changed in place; null when it changed anything else (a snapshot then). */
function changesOf<M extends { chunks: Chunks; measured: unknown; planned: unknown }>(
  prev: M,
  next: M,
  changedSince: (prev: Chunks, next: Chunks) => number[] | null,
): Entry | null {
  if (prev.chunks.length !== next.chunks.length) return null;
  for (const key of new Set([...Object.keys(prev), ...Object.keys(next)]))
    if (key !== 'chunks' && key !== 'measured' && key !== 'planned' && prev[key as keyof M] !== next[key as keyof M]) return null;
  const set: [string, unknown][] = [];
  const known = changedSince(prev.chunks, next.chunks);
  // Else pointer comparisons: a few ms for 100,000 chunks, against ~40 ms to write them all.
  for (const i of known ?? next.chunks.keys()) {
    const a = prev.chunks[i]!;
    const b = next.chunks[i]!;
    if (a === b) continue;
    if (a.name !== b.name) return null;
    set.push([b.name, b]);
  }
  const entry: Entry = { set };
  if (JSON.stringify(prev.measured) !== JSON.stringify(next.measured)) entry.measured = next.measured;
  if (prev.planned !== next.planned) entry.planned = next.planned;
  return entry;
}

async function writeSynced(path: string, text: string, flags: 'a' | 'w'): Promise<void> {
  const handle = await open(path, flags, 0o600);
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
