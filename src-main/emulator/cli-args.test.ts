import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:8787 with the demo key and no faults', () => {
    const r = parseCliArgs([]);
    expect(r).toMatchObject({
      help: false,
      options: {
        host: '127.0.0.1',
        port: 8787,
        apiKey: 'demo',
        faults: { latencyMs: 0, fail503Next: 0, failWritesNext: 0, cutDownloadAfterBytes: null, slowBodyBytesPerSec: null },
      },
    });
  });

  it('reads every flag', () => {
    const r = parseCliArgs([
      '--port',
      '9000',
      '--api-key',
      'k',
      '--host',
      '0.0.0.0',
      '--catalog',
      'c.json',
      '--files-dir',
      '/tmp/f',
      '--sync-time-limit-ms',
      '5000',
      '--async-time-limit-ms',
      '6000',
      '--file-ttl-ms',
      '7000',
      '--max-rows-per-request',
      '2000000',
      '--cold-storage-lag',
      '1d',
      '--log',
      '--latency-ms',
      '50',
      '--fail-503-next',
      '2',
      '--retry-after',
      '0',
      '--fail-writes-next',
      '1',
      '--async-hold-ms',
      '300',
      '--cut-download-after-bytes',
      '1024',
      '--slow-body-bytes-per-sec',
      '4096',
      '--cut-downloads-next',
      '2',
      '--expire-urls-next',
      '3',
    ]);
    expect(r).toEqual({
      help: false,
      options: {
        host: '0.0.0.0',
        port: 9000,
        apiKey: 'k',
        catalogPath: 'c.json',
        filesDir: '/tmp/f',
        logRequests: true,
        syncTimeLimitMs: 5000,
        asyncTimeLimitMs: 6000,
        fileTtlMs: 7000,
        maxRowsPerRequest: 2_000_000,
        coldStorageLag: 86_400_000,
        faults: {
          latencyMs: 50,
          fail503Next: 2,
          retryAfterSeconds: 0,
          failWritesNext: 1,
          asyncHoldMs: 300,
          cutDownloadAfterBytes: 1024,
          slowBodyBytesPerSec: 4096,
          cutDownloadsNext: 2,
          expireUrlsNext: 3,
        },
      },
    });
  });

  it('rejects unknown flags and bad numbers with a readable message', () => {
    expect(() => parseCliArgs(['--prot', '1'])).toThrow(/prot/);
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--latency-ms', '-5'])).toThrow(/--latency-ms/);
    expect(() => parseCliArgs(['--cold-storage-lag', 'a day'])).toThrow(/--cold-storage-lag: "a day" is not a duration/);
    expect(() => parseCliArgs(['--max-rows-per-request', '2.5'])).toThrow(/--max-rows-per-request/);
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });
});
