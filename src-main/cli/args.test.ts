import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError, type ExportArgs } from './args';

const env = { apiUrl: 'https://api.apps.nor.tech', apiKey: 'from-env' };
const exportArgs = (...argv: string[]) => parseCliArgs(['export', ...argv], env) as ExportArgs;
const usage = (...argv: string[]) => {
  try {
    parseCliArgs(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('command-line arguments', () => {
  it('reads an export with every kind of signal and the defaults', () => {
    const a = exportArgs('--signal-id', '10', '--signal-id', '11', '--signal', 'W/A/D/U/S', '--start', 'now-24h', '-o', 'out.csv');
    expect(a).toMatchObject({
      apiUrl: env.apiUrl,
      apiKey: 'from-env',
      signalIds: [10, 11],
      signalPaths: [{ workspace: 'W', asset: 'A', division: 'D', unit: 'U', signal: 'S' }],
      end: 'now',
      format: 'parquet',
      overwrite: false,
      tz: 'UTC',
      timeoutS: 900,
      downloadTimeoutS: 1800,
    });
    expect(exportArgs('--signals-file', 's.json', '--start', 'x', '--output', 'o.json', '--api-key', 'flag').apiKey).toBe('flag');
  });

  it('refuses what does not fit, naming the flag', () => {
    expect(usage('export', '--signal', 'W/A/D/U', '--start', 'now', '-o', 'x.csv')).toMatch(/--signal: .*five/);
    expect(usage('export', '--signal', 'W/A//U/S', '--start', 'now', '-o', 'x.csv')).toMatch(/--signal/);
    expect(usage('export', '--signal-id', '-3', '--start', 'now', '-o', 'x.csv')).toMatch(/--signal-id/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.txt')).toMatch(/--output/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--every', '2w')).toMatch(/--every/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--every', '1h', '--agg', 'mean,median')).toMatch(/--agg/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--agg', 'mean')).toMatch(/--agg: needs --every/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--concurrency', '0')).toMatch(/--concurrency/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'd', '--layout', 'dataset', '--shard', '1/2')).toMatch(
      /--shard: needs --plan/,
    );
    expect(usage('export', '--plan', 'p.json', '-o', 'd', '--layout', 'dataset', '--shard', '2/2')).toMatch(/--shard/);
    expect(usage('export', '--plan', 'p.json', '--signal-id', '3', '-o', 'x.csv')).toMatch(/--plan/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--download-timeout', 'soon')).toMatch(
      /--download-timeout/,
    );
    expect(usage('export', '--start', 'now', '-o', 'x.csv')).toMatch(/at least one signal/);
    expect(usage('export', '--signal-id', '3', '-o', 'x.csv')).toMatch(/--start/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--format', 'xml')).toMatch(/--format/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--tz', 'Mars/Base')).toMatch(/--tz/);
    expect(usage('export', '--wat')).toMatch(/wat/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--api-key', 'a\nb')).toMatch(/--api-key/);
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--api-url', 'https://h.example/?key=k')).toMatch(
      /--api-url/,
    );
    expect(usage('export', '--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--download-timeout', '0')).toMatch(/--download-timeout/);
    expect(usage('frobnicate')).toMatch(/unknown command/);
    expect(usage('list', 'a', 'b', 'c', 'd', 'e')).toMatch(/list/);
  });

  it('reads chunking, aggregation, layouts, plans and shards', () => {
    const a = exportArgs(
      '--signal-id',
      '3',
      '--start',
      'now-90d',
      '-o',
      'x.csv',
      '--every',
      '1h',
      '--tz',
      'Europe/Lisbon',
      '--concurrency',
      '5',
    );
    expect(a).toMatchObject({
      every: '1h',
      agg: ['mean'],
      tz: 'Europe/Lisbon',
      concurrency: 5,
      resume: false,
      layout: 'file',
      downloadTimeoutS: 1800,
    });
    expect(exportArgs('--signal-id', '3', '--start', 'now', '-o', 'x.csv', '--every', '15m', '--agg', 'min, max', '--resume').agg).toEqual([
      'min',
      'max',
    ]);
    const shard = exportArgs('--plan', 'p.json', '-o', 'out', '--layout', 'dataset', '--shard', '1/2', '--download-timeout', '90');
    expect(shard).toMatchObject({ plan: 'p.json', shard: { index: 1, count: 2 }, layout: 'dataset', downloadTimeoutS: 90 });
    const auto = exportArgs('--plan', 'p.json', '-o', 's3://b-1/x/', '--layout', 'dataset', '--shard', 'auto', '--shards', '4');
    expect(auto).toMatchObject({ shard: 'auto', shards: 4, output: 's3://b-1/x/' });
    expect(usage('export', '--plan', 'p.json', '-o', 'd', '--layout', 'dataset', '--shard', '0/2', '--shards', '2')).toMatch(
      /--shards: only with --shard auto/,
    );
    expect(usage('export', '--plan', 'p.json', '-o', 's3://b-1/x/')).toMatch(/--output: an s3:\/\/ output is a dataset/);
    expect(usage('export', '--plan', 'p.json', '-o', 'x.csv', '--s3-endpoint', 'http://minio:9000')).toMatch(/--s3-endpoint: only with/);
    expect(usage('export', '--plan', 'p.json', '-o', 's3://b-1/', '--layout', 'dataset', '--s3-endpoint', 'minio')).toMatch(
      /--s3-endpoint/,
    );
    expect(parseCliArgs(['plan', '--signal-id', '3', '--start', 'now-1y', '-o', 'plan.json'], env)).toMatchObject({
      command: 'plan',
      output: 'plan.json',
    });
  });

  it('reads list paths and help', () => {
    expect(parseCliArgs(['list', 'W', 'A'], env)).toMatchObject({ command: 'list', path: ['W', 'A'] });
    expect(parseCliArgs([], env)).toEqual({ command: 'help' });
    expect(parseCliArgs(['export', '--help'], env)).toEqual({ command: 'help' });
  });
});
