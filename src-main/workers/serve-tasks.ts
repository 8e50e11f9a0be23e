import { parentPort } from 'node:worker_threads';
import type { z } from 'zod';

/** A message to a worker thread that runs tasks: one to start (its own `type`), or `cancel`. */
type TaskMessage = { type: string; id: number };

/**
 * A worker thread's side of its task protocol: every message is parsed with `schema`; one it does
 * not know is refused (`refuse`, when it names a task id), a `cancel` aborts that task's signal, any
 * other starts the task (`run`, which posts its own answer). The export workers, the download
 * thread and the emulator's production thread serve their tasks through this.
 */
export function serveTasks<M extends TaskMessage>(opts: {
  /** What the thread is, for the refusal: "the export worker". */
  name: string;
  schema: z.ZodType<M>;
  refuse(id: number, message: string): void;
  run(msg: Exclude<M, { type: 'cancel' }>, signal: AbortSignal): Promise<void>;
}): void {
  const running = new Map<number, AbortController>();
  parentPort!.on('message', (raw: unknown) => {
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number') {
        opts.refuse(id, `${opts.name} was sent a message it does not know: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
      }
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'cancel') return void running.get(msg.id)?.abort();
    const controller = new AbortController();
    running.set(msg.id, controller);
    void opts.run(msg as Exclude<M, { type: 'cancel' }>, controller.signal).finally(() => running.delete(msg.id));
  });
}
