/**
 * A child process for tests of files on disk (a small disk, see small-disk.ts, or a kill -9): one
 * download or one atomic save, then it prints what happened and what is left in the folder, as
 * one JSON line. `hang` makes the save wait forever after its first chunk (to be killed).
 *   node --import tsx src-main/testing/fs-child.ts '{"op":"download","url":…,"dest":…}'
 *   node --import tsx src-main/testing/fs-child.ts '{"op":"save","bytes":N,"dest":…,"hang":true}'
 */
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toErrorData } from '../errors/app-error';
import { downloadFile } from '../exports/download/download-file';
import { atomicWrite } from '../exports/save/atomic-save';

type Job = { op: 'download'; url: string; dest: string } | { op: 'save'; bytes: number; dest: string; hang?: boolean };

async function main(job: Job): Promise<void> {
  let error = null;
  try {
    if (job.op === 'download') {
      await downloadFile({ url: job.url, dest: job.dest, retryDelayMs: 1 });
    } else {
      const chunk = new Uint8Array(64 * 1024).fill(0x31);
      const chunks = async function* () {
        for (let n = 0; n < job.bytes; n += chunk.length) yield chunk;
        // Keeps the process alive until the test kills it.
        if (job.hang) await new Promise(() => setInterval(() => undefined, 1000));
      };
      await atomicWrite(job.dest, chunks(), { overwrite: false });
    }
  } catch (e) {
    error = toErrorData(e);
  }
  process.stdout.write(`${JSON.stringify({ error, left: await readdir(dirname(job.dest)) })}\n`);
}

void main(JSON.parse(process.argv[2]!) as Job);
