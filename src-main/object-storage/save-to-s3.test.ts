import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName, CallOutput, JobStatus, SelectedSignal } from '../../src-preload/contract';
import { createHandlers } from '../app/create-handlers';
import { memorySecretStore } from '../app/memory-secret-store';
import { dispatch } from '../bridge/dispatch';
import type { Handlers } from '../bridge/handlers';
import { startEmulator, type Emulator } from '../emulator';
import { ExportRecord } from '../exports/save/export-record';
import { startS3Server, TEST_SECRET, type S3Server } from './testing/s3-server';

/*
 * "Save to S3" through the real door (dispatch) and the real handlers, against the emulator and a
 * real S3-compatible server (s3rver on 127.0.0.1): the objects read back equal the dataset folder
 * Save… writes of the same job; a wrong URL, a missing bucket, a store that does not answer and a
 * refused key each get their own clear error, without the secret, and leave nothing behind.
 */

let emulator: Emulator;
let s3: S3Server;
let dir: string;
let handlers: Handlers;
let dialogAnswer: string | null = null;
let job: JobStatus;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function call<K extends CallName>(name: K, input: unknown): Promise<CallOutput<K>> {
  const answer = await dispatch(handlers, name, input, { transport: 'ipc' });
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), answer.error);
  return answer.value as CallOutput<K>;
}

/** Every file under `root`, by its path relative to it, with its SHA-256. */
async function filesOf(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const e of await readdir(root, { recursive: true, withFileTypes: true }))
    if (e.isFile()) found.set(relative(root, join(e.parentPath, e.name)), sha(await readFile(join(e.parentPath, e.name))));
  return found;
}

const parquet = (m: Map<string, string>) => new Map([...m].filter(([k]) => k.endsWith('.parquet')));

beforeAll(async () => {
  [emulator, s3] = await Promise.all([startEmulator({ apiKey: 's3-save-key' }), startS3Server('window')]);
  Object.assign(process.env, s3.env);
  dir = await mkdtemp(join(tmpdir(), 'se-s3-save-'));
  handlers = createHandlers({
    mode: 'electron',
    version: '9.9.9',
    platform: 'linux',
    dataDir: join(dir, 'data'),
    cacheDir: join(dir, 'cache'),
    secrets: memorySecretStore(),
    emit: () => undefined,
    saveTarget: { kind: 'dialog', choosePath: async () => dialogAnswer },
    demo: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey },
  }).handlers;
  const signals: SelectedSignal[] = [];
  for (const id of [10001, 10002]) {
    const s = await call('catalog.signal', { connectionId: 'demo', id });
    signals.push({ ...s, rename: s.name });
  }
  // Across midnight UTC: a part a day.
  const { jobId } = await call('exports.start', {
    connectionId: 'demo',
    signals,
    timeWindow: { start: '2025-06-01T22:00:00.000Z', end: '2025-06-02T02:00:00.000Z' },
    format: 'parquet',
  });
  for (;;) {
    job = await call('exports.status', { jobId });
    if (job.stage !== 'running') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(job.stage).toBe('ready');
});
afterAll(async () => {
  await Promise.all([emulator?.close(), s3?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('exports.saveToS3', () => {
  it('puts the same parts as a dataset folder saved by Save…, then the record listing them', async () => {
    dialogAnswer = join(dir, 'local-dataset');
    await call('exports.save', { jobId: job.jobId, format: 'parquet', layout: 'dataset' });
    const local = await filesOf(dialogAnswer);
    expect(parquet(local).size).toBe(2);

    const saved = await call('exports.saveToS3', { jobId: job.jobId, url: `s3://window/plant/north/`, endpoint: s3.endpoint });
    const objects = await s3.objects('plant/north/');
    expect(parquet(objects)).toEqual(parquet(local));
    const bytes = (await Promise.all([...parquet(objects).keys()].map((k) => s3.read(`plant/north/${k}`)))).reduce(
      (n, b) => n + b.length,
      0,
    );
    expect(saved).toEqual({ url: 's3://window/plant/north/', parts: 2, record: 's3://window/plant/north/export.json', bytes });

    const record = ExportRecord.parse(JSON.parse((await s3.read('plant/north/export.json')).toString()));
    const localRecord = ExportRecord.parse(JSON.parse(await readFile(join(dialogAnswer, 'export.json'), 'utf8')));
    expect(record).toMatchObject({ file: 'north', layout: 'dataset', format: 'parquet', rowCount: localRecord.rowCount });
    expect(record.parts).toEqual(localRecord.parts);
    expect(record.rowCount).toBe(job.result!.rowCount);
    // Nothing staged is left in the cache.
    expect(await readdir(join(dir, 'cache', 'converted'))).toEqual([]);
  });

  it('says what is wrong (URL, bucket, store, key), without the secret, and puts nothing', async () => {
    const failure = (input: object) =>
      call('exports.saveToS3', { jobId: job.jobId, ...input }).then(
        () => null,
        (e: unknown) => e,
      );

    const badUrl = await failure({ url: 's3://Bad_Bucket/x/', endpoint: s3.endpoint });
    expect(badUrl).toMatchObject({
      kind: 'validation',
      details: { fields: [{ path: 'url', message: expect.stringMatching(/bucket name/) }] },
    });
    const badEndpoint = await failure({ url: 's3://window/x/', endpoint: 'http://user:pw@127.0.0.1:1' });
    expect(badEndpoint).toMatchObject({ kind: 'validation', details: { fields: [{ path: 'endpoint' }] } });

    const missing = await failure({ url: 's3://no-such-bucket/x/', endpoint: s3.endpoint });
    expect(missing).toMatchObject({ kind: 'file', message: expect.stringMatching(/s3:\/\/no-such-bucket\/x\//) });
    expect((missing as { details: { hint: string } }).details.hint).toMatch(/bucket name/);

    const down = await failure({ url: 's3://window/x/', endpoint: 'http://127.0.0.1:9' });
    expect(down).toMatchObject({ kind: 'network', message: expect.stringMatching(/Could not reach the bucket/) });

    const key = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = 'NOT-A-KEY';
    const refused = await failure({ url: 's3://window/x/', endpoint: s3.endpoint }).finally(() => (process.env.AWS_ACCESS_KEY_ID = key));
    expect(refused).toMatchObject({ kind: 'file', details: { hint: expect.stringMatching(/credentials/) } });

    for (const e of [badUrl, badEndpoint, missing, down, refused]) expect(JSON.stringify(e)).not.toContain(TEST_SECRET);
    expect((await s3.objects('x/')).size).toBe(0);
  });
});
