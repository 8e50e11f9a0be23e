import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src-preload/contract';
import { testSelectedSignal } from '../../src-preload/contract/testing/signals';
import { createLogger } from './pino-logger';
import { exportTrail } from './export-trail';

/** A logger that keeps its lines as objects. */
function kept() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ destinations: [{ level: 'debug', write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>) }] });
  return { lines, log };
}

const status = (over: Partial<JobStatus> & Pick<JobStatus, 'stage'>): JobStatus => ({
  jobId: 'job-1',
  request: {
    connectionId: 'demo',
    signals: [testSelectedSignal({ rename: 'a' }), testSelectedSignal({ rename: 'b' })],
    timeWindow: { start: '2025-05-01T00:00:00Z', end: '2025-05-02T00:00:00Z' },
    format: 'parquet',
    values: { kind: 'raw' },
  },
  startedAt: 1_000,
  updatedAt: 1_000,
  progress: { phase: 'exporting', fraction: 0.5, chunksDone: 1, chunksTotal: 2, rows: 10, bytes: 100, etaMs: null, retrying: [] },
  ...over,
});

describe("an export's trail from its progress events", () => {
  it('one line at the start and one at the end, with what a bug report needs; none per tick', () => {
    const { lines, log } = kept();
    const trail = exportTrail(log);
    trail('exports.progress', status({ stage: 'running' }));
    for (let i = 0; i < 20; i++) trail('exports.progress', status({ stage: 'running', updatedAt: 1_000 + i }));
    trail('app.menu', { action: 'save' });
    trail(
      'exports.progress',
      status({
        stage: 'ready',
        updatedAt: 4_500,
        progress: { ...status({ stage: 'ready' }).progress, chunksDone: 2 },
        result: { rowCount: 172_800, fileBytes: 2_000_000, format: 'parquet', timeRange: null, columns: [], requestIds: [1, 2] },
      }),
    );
    expect(lines.map((l) => l.msg)).toEqual(['Export started', 'Export finished']);
    expect(lines[0]).toMatchObject({
      level: 'info',
      jobId: 'job-1',
      connectionId: 'demo',
      signals: 2,
      window: { start: '2025-05-01T00:00:00Z', end: '2025-05-02T00:00:00Z' },
      format: 'parquet',
      values: 'raw',
    });
    expect(lines[1]).toMatchObject({ outcome: 'ready', rows: 172_800, chunks: '2/2', bytes: 2_000_000, durationMs: 3_500 });
  });

  it('a failure is an error line with its kind, message, status and request; a resume says so; a job opened from History says nothing', () => {
    const { lines, log } = kept();
    const trail = exportTrail(log);
    trail('exports.progress', status({ jobId: 'old', stage: 'ready' }));
    trail('exports.progress', status({ stage: 'running' }));
    trail(
      'exports.progress',
      status({
        stage: 'failed',
        error: {
          kind: 'server-failed',
          message: 'Nortech could not prepare the data (request 7): disk full.',
          details: { status: 500, requestId: 7 },
        },
      }),
    );
    trail('exports.progress', status({ stage: 'running' }));
    trail('exports.progress', status({ stage: 'cancelled' }));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'Export started'],
      ['error', 'Export failed'],
      ['info', 'Export resumed'],
      ['info', 'Export cancelled'],
    ]);
    expect(lines[1]).toMatchObject({
      error: { kind: 'server-failed', status: 500, requestId: 7, message: expect.stringContaining('disk full') },
    });
  });
});
