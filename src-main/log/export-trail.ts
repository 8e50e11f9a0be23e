import { isEndedStage, type EventName, type JobStatus } from '../../src-preload/contract';
import type { Logger } from './logger';

/*
 * Each export's start and end, read from the `exports.progress` events the window gets too: the
 * start (signals, window, format, values) and the end (outcome, rows, chunks, bytes, duration, the
 * error's kind, message, status and request). A job's lines carry its id. No line per progress
 * tick. Each chunk tried again is logged where it happens (exports/run/chunk-runner.ts): an event,
 * throttled, may come after a quick retry is over.
 */

/** Jobs remembered once ended, so that a Resume says "resumed" (a bound: History keeps 200). */
const ENDED_KEPT = 200;

export function exportTrail(log: Logger): (name: EventName, payload: unknown) => void {
  const running = new Set<string>();
  const ended = new Set<string>();

  const started = (s: JobStatus) => {
    const { request } = s;
    log.info(ended.has(s.jobId) ? 'Export resumed' : 'Export started', {
      jobId: s.jobId,
      connectionId: request.connectionId,
      signals: request.signals.length,
      window: request.timeWindow,
      format: request.format,
      values: request.values.kind === 'raw' ? 'raw' : `every ${request.values.interval} (${request.values.fns.join(',')})`,
    });
  };

  const finished = (s: JobStatus) => {
    const fields = {
      jobId: s.jobId,
      outcome: s.stage,
      rows: s.result?.rowCount ?? s.progress.rows,
      chunks: `${s.progress.chunksDone}/${s.progress.chunksTotal}`,
      bytes: s.result?.fileBytes ?? s.progress.bytes,
      durationMs: s.updatedAt - s.startedAt,
      ...(s.error
        ? {
            error: {
              kind: s.error.kind,
              message: s.error.message,
              status: s.error.details?.status,
              requestId: s.error.details?.requestId,
            },
          }
        : {}),
    };
    if (s.stage === 'failed') log.error('Export failed', fields);
    else log.info(s.stage === 'ready' ? 'Export finished' : `Export ${s.stage}`, fields);
  };

  return (name, payload) => {
    if (name !== 'exports.progress') return;
    const s = payload as JobStatus;
    if (!running.has(s.jobId) && s.stage === 'running') {
      running.add(s.jobId);
      started(s);
    }
    // A job first seen ended was opened from History: nothing happened to it in this run.
    if (!running.has(s.jobId)) return;
    if (isEndedStage(s.stage)) {
      running.delete(s.jobId);
      finished(s);
      ended.add(s.jobId);
      if (ended.size > ENDED_KEPT) ended.delete(ended.values().next().value!);
    }
  };
}
