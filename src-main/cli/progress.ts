import type { JobStatus } from '../../src-preload/contract';

/*
 * Progress on stderr, so stdout carries only the saved path: a redrawn bar on a terminal, plain
 * lines (one per stage, and every 10% of the download) when stderr is a file or a pipe.
 */

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const LABEL: Record<string, string> = {
  requesting: 'Asking Nortech for the data',
  downloading: 'Downloading',
  decoding: 'Checking the file',
  ready: 'Downloaded and checked',
};

export function progressPrinter(out: NodeJS.WriteStream | NodeJS.WritableStream = process.stderr) {
  const tty = 'isTTY' in out && out.isTTY === true;
  let lastStage = '';
  let lastTenth = -1;
  let drawn = false;
  const line = (text: string) => out.write(`${text}\n`);
  return {
    update(s: JobStatus) {
      const label = LABEL[s.stage];
      if (!label) return;
      const fraction = s.stage === 'downloading' && s.bytesTotal ? (s.bytesDone ?? 0) / s.bytesTotal : null;
      if (tty) {
        const width = 24;
        const bar =
          fraction === null ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '-')}] ${Math.floor(fraction * 100)}% `;
        const bytes = s.stage === 'downloading' ? `${mb(s.bytesDone ?? 0)}${s.bytesTotal ? ` of ${mb(s.bytesTotal)}` : ''}` : '';
        out.write(`\r\x1b[2K${label}… ${bar}${bytes}`);
        drawn = true;
        if (s.stage === 'ready') this.done();
        return;
      }
      if (s.stage !== lastStage) {
        lastStage = s.stage;
        line(`${label}${s.requestId && s.stage === 'downloading' ? ` (request ${s.requestId})` : ''}${s.stage === 'ready' ? '.' : '…'}`);
      }
      if (fraction !== null) {
        const tenth = Math.floor(fraction * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          line(`  ${tenth * 10}% (${mb(s.bytesDone ?? 0)} of ${mb(s.bytesTotal!)})`);
        }
      }
    },
    note(text: string) {
      this.done();
      line(text);
    },
    done() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
}
