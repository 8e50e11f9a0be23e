import type { JobProgress } from '../../src-preload/contract';
import { silentLogger, type Logger } from '../log/logger';

/*
 * Progress on stderr, so stdout carries only the saved path: a redrawn line on a terminal, plain
 * lines (every 10 %, every chunk retry) when stderr is a file or a pipe.
 */

const mb = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(1)} MB`);
const left = (ms: number | null) => {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  return s < 90 ? ` · ${s} s left` : s < 5400 ? ` · ${Math.round(s / 60)} min left` : ` · ${(s / 3600).toFixed(1)} h left`;
};

export function describeProgress(p: JobProgress): string {
  if (p.phase === 'planning') return 'Measuring the data (a first small chunk)…';
  const pct = Math.floor(p.fraction * 100);
  const chunks = `${p.chunksDone} of ${p.chunksTotal} chunk${p.chunksTotal === 1 ? '' : 's'}`;
  return `${pct}% · ${chunks} · ${p.rows.toLocaleString('en-US')} rows · ${mb(p.bytes)}${left(p.etaMs)}`;
}

/** Prints progress; with a log, each note (the outcome) is logged too (chunk retries are logged where they happen: exports/run). */
export function progressPrinter(out: NodeJS.WriteStream | NodeJS.WritableStream = process.stderr, log: Logger = silentLogger) {
  const tty = 'isTTY' in out && out.isTTY === true;
  let lastTenth = -1;
  let drawn = false;
  const retries = new Set<string>();
  const line = (text: string) => out.write(`${text}\n`);
  return {
    update(p: JobProgress) {
      for (const r of p.retrying) {
        const key = `${r.index}:${r.attempt}:${r.reason}`;
        if (retries.has(key)) continue;
        retries.add(key);
        this.done();
        line(`  chunk ${r.index + 1} (${new Date(r.slice.start).toISOString()} …), try ${r.attempt}: ${r.reason}`);
      }
      if (tty) {
        out.write(`\r\x1b[2K${describeProgress(p)}`);
        drawn = true;
        return;
      }
      const tenth = p.phase === 'planning' ? -1 : Math.floor(p.fraction * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        line(describeProgress(p));
      }
    },
    note(text: string) {
      log.info(text);
      this.done();
      line(text);
    },
    done() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
}
