import { get, type IncomingMessage } from 'node:http';
import type { CallName, CallOutput, JobStatus } from '../../src-preload/contract';
import { decodeEnvelope, ENVELOPE_WIRE_TYPE } from '../../src-preload/contract/envelope-wire';

/*
 * The bench as the window: calls the host's contract over HTTP (what the browser-mode window does;
 * the desktop window does the same over IPC) and follows job progress on the server-sent events.
 */

export class AppCallError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(`${kind}: ${message}`);
  }
}

export interface AppClient {
  call<K extends CallName>(name: K, input: unknown): Promise<CallOutput<K>>;
  /** Resolves with the job's status when it reaches a terminal stage; `onStage` sees every new stage with its arrival time. */
  waitForJob(jobId: string, onStage?: (status: JobStatus, atMs: number) => void): Promise<JobStatus>;
  close(): void;
}

export async function connectApp(origin: string, token: string): Promise<AppClient> {
  const seen = new Map<string, { status: JobStatus; atMs: number }[]>();
  const waiters = new Map<string, () => void>();
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    get(`${origin}/api/events?token=${token}`, resolve).on('error', reject),
  );
  if (res.statusCode !== 200) throw new Error(`events answered ${res.statusCode}`);
  res.setEncoding('utf8');
  let buffer = '';
  res.on('data', (text: string) => {
    const atMs = performance.now();
    buffer += text;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event !== 'exports.progress' || !data) continue;
      const status = JSON.parse(data) as JobStatus;
      const list = seen.get(status.jobId) ?? seen.set(status.jobId, []).get(status.jobId)!;
      list.push({ status, atMs });
      waiters.get(status.jobId)?.();
    }
  });
  res.on('error', () => undefined);

  return {
    async call<K extends CallName>(name: K, input: unknown): Promise<CallOutput<K>> {
      const r = await fetch(`${origin}/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: ENVELOPE_WIRE_TYPE, 'x-signal-explorer-token': token },
        body: JSON.stringify({ input }),
      });
      // As the window asks: a chart's points as raw doubles (see envelope-wire.ts).
      const wire = r.headers.get('content-type')?.startsWith(ENVELOPE_WIRE_TYPE);
      const envelope = (wire ? decodeEnvelope(await r.arrayBuffer()) : await r.json()) as
        { ok: true; value: CallOutput<K> } | { ok: false; error: { kind: string; message: string } };
      if (!envelope.ok) throw new AppCallError(envelope.error.kind, envelope.error.message);
      return envelope.value;
    },
    waitForJob(jobId, onStage) {
      return new Promise((resolve, reject) => {
        let reported = 0;
        const check = () => {
          const list = seen.get(jobId) ?? [];
          for (; reported < list.length; reported++) onStage?.(list[reported]!.status, list[reported]!.atMs);
          const last = list.at(-1)?.status;
          if (!last || !['ready', 'failed', 'cancelled'].includes(last.stage)) return;
          waiters.delete(jobId);
          seen.delete(jobId);
          if (last.stage === 'ready') resolve(last);
          else reject(new AppCallError(last.error?.kind ?? last.stage, last.error?.message ?? `job ${last.stage}`));
        };
        waiters.set(jobId, check);
        check();
      });
    },
    close: () => res.destroy(),
  };
}
