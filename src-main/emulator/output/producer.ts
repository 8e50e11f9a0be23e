import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { gapsSchema, valueModelSchema } from '../catalog/catalog-schema';
import type { SignalSamples } from '../catalog/catalog-types';
import { workerEntry } from '../../workers/worker-entry';
import { PARQUET_STYLE_NAMES, type ParquetStyle } from './parquet-styles';
import { produceFile, ProductionTimeout, type ProducedFile, type ProduceRequest } from './produce-file';

/*
 * Where files are produced: on the thread that serves the API, or on a thread of their own. A
 * server that produces on the thread serving its files starves the downloads: the emulator's
 * loop was held by each 65,536-row chunk it wrote, so a finished file came down 64 kB a chunk
 * (L's first chunk took 740 ms to download while the next one was being produced, against 50 ms
 * with the server idle). The app's Demo data, `npm run emulator` and the bench produce on their
 * own thread; the tests' emulators in-line (one worker less to start per test).
 */

/** A production: the request without what cannot cross threads; `limitMs` from its start. */
export type Production = Omit<ProduceRequest, 'abort' | 'deadline'> & { limitMs: number };

export interface Producer {
  produce(job: Production, abort: AbortSignal): Promise<ProducedFile>;
  close(): Promise<void>;
}

const Id = z.number().int().nonnegative();
const Ms = z.number();
/** A signal active since ever or until ever says so with an infinity, which z.number() refuses. */
const Bound = z.union([z.number(), z.literal(Number.POSITIVE_INFINITY), z.literal(Number.NEGATIVE_INFINITY)]);

/** A signal as a production message carries it (SignalSamples): what its samples are made of. */
const SignalSamplesWire = z.object({
  id: z.number().int().positive(),
  dataType: z.enum(['float', 'boolean', 'string', 'json']),
  periodMs: z.number().positive(),
  originMs: Ms,
  activeFromMs: Bound,
  activeUntilMs: Bound,
  gaps: gapsSchema.nullable(),
  seed: z.number().int(),
  model: valueModelSchema,
}) satisfies z.ZodType<SignalSamples>;

const ProductionWire = z.object({
  signals: z.array(SignalSamplesWire),
  names: z.array(z.string()),
  window: z.object({ startMs: Ms, endMs: Ms }),
  format: z.enum(['parquet', 'csv', 'json']),
  path: z.string().min(1),
  limitMs: z.number().nonnegative(),
  chunkRows: z.number().int().positive().optional(),
  parquetStyle: z.enum(PARQUET_STYLE_NAMES as [ParquetStyle, ...ParquetStyle[]]).optional(),
}) satisfies z.ZodType<Production>;

/** What the serving thread sends the production thread; parsed there. */
export const ToProducer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('produce'), id: Id, job: ProductionWire }),
  z.object({ type: z.literal('cancel'), id: Id }),
]);
export type ToProducer = z.infer<typeof ToProducer>;

/** What the production thread answers; parsed by threadProducer. */
export const FromProducer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('done'),
    id: Id,
    file: z.object({
      rows: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
      md5: z.string(),
    }) satisfies z.ZodType<ProducedFile>,
  }),
  z.object({ type: z.literal('failed'), id: Id, timeout: z.boolean(), message: z.string() }),
]);
export type FromProducer = z.infer<typeof FromProducer>;

/**
 * Only what production needs of each signal, checked as it leaves: the schema drops the rest (its
 * unit, through which structured clone would copy the whole catalog).
 */
const samplesOf = (signal: SignalSamples): SignalSamples => SignalSamplesWire.parse(signal);

export function inlineProducer(): Producer {
  return {
    produce: ({ limitMs, ...job }, abort) => produceFile({ ...job, deadline: performance.now() + limitMs, abort }),
    close: async () => {},
  };
}

/** Produces on a worker thread (production-worker.ts), started now; answers once it is up. */
export async function threadProducer(): Promise<Producer> {
  const entry = workerEntry(import.meta.url, 'production-worker');
  if (!entry) throw new Error('The emulator production worker (production-worker.js) is missing from this build.');
  const worker = new Worker(entry.source, { eval: entry.eval });
  const pending = new Map<number, { resolve(file: ProducedFile): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The production worker stopped as it started (exit code ${code}).`)));
    worker.once('message', (raw: unknown) =>
      FromProducer.safeParse(raw).data?.type === 'ready'
        ? resolve()
        : reject(new Error('The production worker did not start as expected.')),
    );
  });
  const fail = (error: Error) => {
    stopped ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The production worker stopped (exit code ${code}).`)));
  worker.on('message', (raw: unknown) => {
    const parsed = FromProducer.safeParse(raw);
    if (!parsed.success) return fail(new Error(`The production worker answered something unknown: ${parsed.error.issues[0]?.message}`));
    const msg = parsed.data;
    if (msg.type === 'ready') return;
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (!pending.size) worker.unref();
    if (msg.type === 'done') p?.resolve(msg.file);
    else p?.reject(msg.timeout ? new ProductionTimeout() : new Error(msg.message));
  });
  // Idle, it must not keep the process alive.
  worker.unref();
  const post = (msg: ToProducer) => worker.postMessage(msg);
  return {
    produce(job, abort) {
      if (stopped) return Promise.reject(stopped);
      let signals: SignalSamples[];
      try {
        signals = job.signals.map(samplesOf);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const id = nextId++;
      return new Promise<ProducedFile>((resolve, reject) => {
        worker.ref();
        const cancel = () => post({ type: 'cancel', id });
        abort.addEventListener('abort', cancel, { once: true });
        const settle = () => abort.removeEventListener('abort', cancel);
        pending.set(id, {
          resolve: (file) => (settle(), resolve(file)),
          reject: (error) => (settle(), reject(error)),
        });
        post({ type: 'produce', id, job: { ...job, signals } });
      });
    },
    async close() {
      stopped ??= new Error('The emulator is closing.');
      await worker.terminate();
    },
  };
}
