import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { openAppLog, logFileOf } from './app-log';
import { createLogger, type LogDestination } from './pino-logger';
import { readableLine } from './readable-line';
import { recentLines } from './recent-lines';
import { createRedactor, REDACTED } from './redactor';
import { openRotatingFile, rotatedPath } from './rotating-file';

/** A destination that keeps its lines, to read what the logger wrote. */
function kept(level: LogDestination['level'] = 'debug') {
  const lines: string[] = [];
  return { lines, destination: { level, write: (line: string) => void lines.push(line) }, json: () => lines.map((l) => JSON.parse(l)) };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'log-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the logger', () => {
  it('writes one JSON object per line: level by name, ISO time, message, fields; an error with its type, message, kind, details and stack', () => {
    const out = kept();
    const log = createLogger({ destinations: [out.destination] });
    log.info('export started', { jobId: 'j1', signals: 3 });
    log.error('export failed', { jobId: 'j1', err: new AppError('server-failed', 'Nortech said no', { status: 503 }) });
    expect(out.lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const [started, failed] = out.json();
    expect(started).toMatchObject({ level: 'info', msg: 'export started', jobId: 'j1', signals: 3, pid: process.pid });
    expect(new Date(started.time).toISOString()).toBe(started.time);
    expect(failed).toMatchObject({
      level: 'error',
      err: { type: 'AppError', message: 'Nortech said no', kind: 'server-failed', details: { status: 503 } },
    });
    expect(failed.err.stack).toContain('logger.test.ts');
  });

  it('sends each destination the levels it takes, and a child adds its fields to every line', () => {
    const all = kept('debug');
    const warnings = kept('warn');
    const log = createLogger({ destinations: [all.destination, warnings.destination] });
    const job = log.child({ jobId: 'j2' });
    log.debug('d');
    job.info('i');
    job.warn('w');
    log.error('e');
    expect(all.json().map((l) => l.msg)).toEqual(['d', 'i', 'w', 'e']);
    expect(warnings.json().map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);
    expect(all.json().map((l) => l.jobId)).toEqual([undefined, 'j2', 'j2', undefined]);
  });

  it('a destination that fails to write drops its lines and says so once; the caller never sees an error', () => {
    const failures: unknown[] = [];
    const log = createLogger({
      destinations: [
        {
          level: 'info',
          write: () => {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
        },
      ],
      onWriteError: (e) => failures.push(e),
    });
    expect(() => {
      log.info('one');
      log.info('two');
    }).not.toThrow();
    expect(failures).toHaveLength(1);
  });

  it('reads a line aloud for a terminal: time, level, message, fields', () => {
    const out = kept();
    createLogger({ destinations: [out.destination] }).warn('chunk retried', { index: 3, reason: 'HTTP 503' });
    expect(readableLine(out.lines[0]!)).toMatch(/^\d\d:\d\d:\d\d\.\d{3} warn {2}chunk retried {2}index=3 reason="HTTP 503"\n$/);
  });
});

describe('the log file rotates by size', () => {
  it('keeps the current file under its bound and as many files as it is told, the newest lines in main.log, none lost between them', async () => {
    const path = join(dir, 'rot', 'main.log');
    const file = openRotatingFile({ path, maxBytes: 2_000, files: 3 });
    const log = createLogger({ destinations: [{ level: 'info', write: (l) => file.write(l), close: () => file.close() }] });
    for (let i = 0; i < 100; i++) log.info('line', { i, pad: 'x'.repeat(40) });
    log.close();
    expect((await readdir(join(dir, 'rot'))).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const files = [2, 1, 0].map((i) => rotatedPath(path, i));
    const numbers: number[] = [];
    for (const f of files) {
      expect((await stat(f)).size).toBeLessThanOrEqual(2_000);
      const text = await readFile(f, 'utf8');
      numbers.push(
        ...text
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as { i: number }).i),
      );
    }
    // Consecutive up to the last line written: the oldest went, nothing in between.
    expect(numbers.at(-1)).toBe(99);
    expect(numbers).toEqual(numbers.map((_, k) => numbers[0]! + k));
    expect(numbers.length).toBeGreaterThan(20);

    // A later run appends to main.log and rotates the same files.
    const again = openRotatingFile({ path, maxBytes: 2_000, files: 3 });
    for (let i = 100; i < 160; i++) again.write(`${JSON.stringify({ i, pad: 'y'.repeat(60) })}\n`);
    again.close();
    expect((await readdir(join(dir, 'rot'))).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const last = await recentLines(path, 200, 3);
    expect((JSON.parse(last.at(-1)!) as { i: number }).i).toBe(159);
  });

  it('the last lines come back across rotated files, in order, from the end of large files', async () => {
    const path = join(dir, 'recent', 'main.log');
    const file = openRotatingFile({ path, maxBytes: 300_000, files: 5 });
    for (let i = 0; i < 5_000; i++) file.write(`${JSON.stringify({ i, pad: 'z'.repeat(100) })}\n`);
    file.close();
    const last = (await recentLines(path, 200, 5)).map((l) => (JSON.parse(l) as { i: number }).i);
    expect(last).toEqual(Array.from({ length: 200 }, (_, k) => 4_800 + k));
    expect(await recentLines(join(dir, 'none', 'main.log'), 200, 5)).toEqual([]);
  });

  it("the app's log lives in <dataDir>/logs/main.log at 5 MB × 5 files", async () => {
    const app = openAppLog({ dataDir: join(dir, 'data') });
    app.log.info('started');
    app.log.debug('not at info');
    app.log.close();
    expect(app.file).toBe(logFileOf(join(dir, 'data')));
    expect(app.file).toBe(join(dir, 'data', 'logs', 'main.log'));
    expect(
      (await readFile(app.file, 'utf8'))
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { msg: string }).msg),
    ).toEqual(['started']);
  });
});

describe('no secret reaches a line', () => {
  const KEY = 'sk-live-CANARY-7f3a9c"\\e1';
  const TOKEN = '0f9e8d7c6b5a49382716a5b4c3d2e1f0aabbccddeeff0011';
  const SIGNED =
    'https://files.example.com/out/123.parquet?X-Amz-Algorithm=EMU-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=deadbeefcafebabe0123';

  it.each([
    ['a hidden key in the message', (log: ReturnType<typeof createLogger>) => log.warn(`the key ${KEY} was refused`)],
    ['a hidden key in a field, nested', (log) => log.info('asked', { connection: { id: 'c1', credentials: [KEY] } })],
    ['a hidden key in an error message and its stack', (log) => log.error('failed', { err: new Error(`bad key ${KEY}`) })],
    ['a hidden key in an error cause', (log) => log.error('failed', { err: new Error('outer', { cause: new Error(`inner ${KEY}`) }) })],
    ['a hidden key JSON-escaped inside a message', (log) => log.info(`body ${JSON.stringify({ k: KEY })}`)],
    ['a hidden key URL-encoded in a path', (log) => log.info(`GET /x/${encodeURIComponent(KEY)}/y`)],
    ['a hidden key in a child binding', (log) => log.child({ who: KEY }).info('child')],
    ['the host token in a URL', (log) => log.info('open', { url: `http://127.0.0.1:4000/?token=${TOKEN}` })],
  ])('%s', (_name, write) => {
    const out = kept();
    const log = createLogger({ destinations: [out.destination] });
    log.hide(KEY);
    log.hide(TOKEN);
    write(log);
    const text = out.lines.join('');
    expect(text).toContain(REDACTED);
    for (const form of [KEY, JSON.stringify(KEY).slice(1, -1), encodeURIComponent(KEY), 'CANARY', TOKEN]) expect(text).not.toContain(form);
    for (const line of out.lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  // Values never told to `hide`: found by their form.
  it.each([
    ['an Authorization header', { headers: { authorization: 'Bearer CANARY-bearer-1' } }, 'CANARY-bearer-1'],
    ['a Bearer in a message', 'sent Authorization: Bearer CANARY-bearer-2 to the host', 'CANARY-bearer-2'],
    ['an apiKey field', { apiKey: 'CANARY-field-3', hasKey: true }, 'CANARY-field-3'],
    ['a token field in any case', { Token: 'CANARY-field-4', clientSecret: 'CANARY-field-5' }, 'CANARY-field-'],
    ['apiKey= in a message', 'connect with apiKey=CANARY-text-6 failed', 'CANARY-text-6'],
    ['JSON with a password inside a message', `body was ${JSON.stringify({ password: 'CANARY-text-7' })}`, 'CANARY-text-7'],
    ['the query of a signed download URL', { url: SIGNED }, 'deadbeefcafebabe0123'],
    ['a signed URL in an error message', new Error(`download of ${SIGNED} failed: 403`), 'X-Amz-Signature=deadbeef'],
    ['a relative URL with a token', 'GET /api/download/1?token=CANARY-rel-8&x=1', 'CANARY-rel-8'],
    ['user and password in a URL', 'proxy http://ana:CANARY-pw-9@proxy.local:3128/ refused', 'CANARY-pw-9'],
  ])('%s', (_name, what, secret) => {
    const out = kept();
    const log = createLogger({ destinations: [out.destination] });
    if (typeof what === 'string') log.info(what);
    else if (what instanceof Error) log.error('failed', { err: what });
    else log.info('fields', what);
    const text = out.lines.join('');
    expect(text).not.toContain(secret);
    expect(text).toContain(REDACTED);
    expect(() => JSON.parse(out.lines[0]!)).not.toThrow();
  });

  it('keeps what is not a secret: ids, counts, numbers under secret-like names, the URL up to its query', () => {
    const out = kept();
    const log = createLogger({ destinations: [out.destination] });
    log.info('download', { jobId: 'j1', rows: 86_400, hasKey: true, secretStorage: 'memory', url: SIGNED, nextToken: 12 });
    const line = out.json()[0];
    expect(line).toMatchObject({ jobId: 'j1', rows: 86_400, hasKey: true, secretStorage: 'memory', nextToken: 12 });
    expect(line.url).toBe(`https://files.example.com/out/123.parquet?${REDACTED}`);
  });

  it('a value too short to hide by value is still hidden in its forms; a long one is hidden anywhere', () => {
    const r = createRedactor();
    r.hide('abc');
    r.hide('  long-enough-secret  ');
    expect(r.text('abc Bearer abc')).toBe(`abc Bearer ${REDACTED}`);
    expect(r.text('xlong-enough-secretx')).toBe(`x${REDACTED}x`);
  });
});
