import { readdir, stat, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type SonicBoom from 'sonic-boom';
import { createLogger } from '../../src-main/log/pino-logger';
import { openRotatingFile } from '../../src-main/log/rotating-file';

// pino-roll ships no types: its one export, as its JSDoc describes it.
type PinoRoll = (opts: {
  file: string;
  extension: string;
  size: string;
  limit: { count: number; removeOtherLogFiles: boolean };
  sync: boolean;
}) => Promise<SonicBoom>;
const pinoRoll = createRequire(import.meta.url)('pino-roll') as PinoRoll;

/*
 * The main-process log's cost per line and how each way of rotating keeps its bound: pino to our
 * own rotating file (src-main/log/rotating-file.ts, synchronous writes) against pino-roll's stream
 * used directly, synchronous and not. N lines of ~300 bytes with a limit of LIMIT bytes a file and
 * 5 files; each case runs twice in one folder (a second run of the app). Prints µs a line (wall and
 * CPU), the files left and the largest. `npx tsx bench/micro/log-write.ts [lines] [limitBytes]
 * [linesPerTurn]` (0, the default: one burst; 10: the event loop turns every 10 lines).
 */

const LINES = Number(process.argv[2] ?? 20_000);
const LIMIT = Number(process.argv[3] ?? 100_000);
const FILES = 5;
/** Lines between turns of the event loop; 0: all in one burst. */
const SPREAD = Number(process.argv[4] ?? 0);
const fields = {
  jobId: 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d',
  chunk: 12,
  attempt: 2,
  reason: 'Nortech is not available right now (HTTP 503).',
};

type Case = { name: string; open(dir: string): Promise<{ write(i: number): void; close(): Promise<void> }> };

const cases: Case[] = [
  {
    name: 'ours: createLogger + rotating file (sync, redacted)',
    async open(dir) {
      const file = openRotatingFile({ path: join(dir, 'main.log'), maxBytes: LIMIT, files: FILES });
      const log = createLogger({ destinations: [{ level: 'info', write: (l) => file.write(l), close: () => file.close() }] });
      log.hide('sk-live-0123456789abcdef');
      return { write: (i) => log.info('Chunk tried again', { ...fields, i }), close: async () => log.close() };
    },
  },
  ...[true, false].map((sync): Case => ({
    name: `pino + pino-roll stream (${sync ? 'sync' : 'async'}, not redacted)`,
    async open(dir) {
      const stream = await pinoRoll({
        file: join(dir, 'main'),
        extension: '.log',
        size: `${LIMIT / 1000}k`,
        limit: { count: FILES - 1, removeOtherLogFiles: true },
        sync,
      });
      const log = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
      return {
        write: (i) => log.info({ ...fields, i }, 'Chunk tried again'),
        close: () => new Promise<void>((r) => (stream.flush(() => r()), undefined)).then(() => stream.end()),
      };
    },
  })),
];

console.log(`${LINES} lines, ${LIMIT} bytes a file, ${FILES} files, ${SPREAD ? `${SPREAD} lines a turn` : 'one burst'}, two runs each`);
for (const c of cases) {
  const dir = await mkdtemp(join(tmpdir(), 'se-log-bench-'));
  let wall = 0;
  let cpu = 0;
  for (let run = 0; run < 2; run++) {
    const w = await c.open(dir);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < LINES; i++) {
      w.write(i);
      // Spread: a burst of lines, then the event loop turns (where pino-roll checks its size).
      if (SPREAD && i % SPREAD === 0) await new Promise((r) => setImmediate(r));
    }
    wall += performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    cpu += (used.user + used.system) / 1000;
    await w.close();
    await new Promise((r) => setTimeout(r, 200)); // pino-roll removes old files after a roll, in the background
  }
  const names = (await readdir(dir)).sort();
  const sizes = await Promise.all(names.map(async (n) => (await stat(join(dir, n))).size));
  console.log(
    `${c.name.padEnd(52)} ${((wall * 1000) / (2 * LINES)).toFixed(1).padStart(6)} µs/line wall, ${((cpu * 1000) / (2 * LINES)).toFixed(1).padStart(6)} µs CPU · ${names.length} files (${names.join(' ')}) · largest ${Math.max(...sizes)} B`,
  );
  await rm(dir, { recursive: true, force: true });
}
