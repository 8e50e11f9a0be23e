import { readFile } from 'node:fs/promises';
import { CONDITION_PERIODS_SHOWN, type ChunkCount, type ConditionPeriods, type ExportRequest } from '../../../src-preload/contract';
import { planOfRequest, type ConditionPeriod, type ConditionSummary, type PlannedCondition } from '../../../src-preload/contract/derive';
import { ConditionJoin } from '../../derive/condition-join';
import { rulesOf } from '../../derive/derive-chunk';
import type { ChunkRecord, Manifest } from '../manifest/manifest';
import type { ChunkPeriods } from '../worker/derive-stage';
import { periodsPath } from './read-task';

/*
 * A request's conditions over its chunks: each chunk's periods file (written by the worker that read
 * it, worker/derive-stage.ts) joined in time order (ConditionJoin): a period that crosses chunks is
 * one. Memory: one chunk's periods file at a time, and each condition's open period.
 */

export function plannedConditions(request: Pick<ExportRequest, 'signals' | 'derivations'>): PlannedCondition[] {
  if (!request.derivations?.conditions.length) return [];
  const planned = planOfRequest(request);
  return planned.ok ? planned.plan.conditions : [];
}

/** A chunk with rows has a periods file; one without rows adds nothing to the join (no row decides). */
const hasPeriods = (c: ChunkRecord) => c.state === 'done' && (c.rows ?? 0) > 0;

export async function readChunkPeriods(dir: string, chunk: ChunkRecord): Promise<ChunkPeriods> {
  return JSON.parse(await readFile(periodsPath(dir, chunk), 'utf8')) as ChunkPeriods;
}

/**
 * Every condition's periods over `chunks` (done, in time order, with nothing missing between them),
 * in time order per condition (a chunk's at a time); the summaries are the generator's return (an
 * open period ends at the last row that held, as at the end of the data).
 */
export async function* joinConditions(
  conditions: readonly PlannedCondition[],
  dir: string,
  chunks: AsyncIterable<ChunkRecord> | Iterable<ChunkRecord>,
): AsyncGenerator<{ condition: number; period: ConditionPeriod }, ConditionSummary[], undefined> {
  let queue: { condition: number; period: ConditionPeriod }[] = [];
  const joins = conditions.map((c, i) => new ConditionJoin(rulesOf(c), (period) => void queue.push({ condition: i, period })));
  for await (const chunk of chunks) {
    if (!hasPeriods(chunk)) continue;
    const part = await readChunkPeriods(dir, chunk);
    for (const [i, join] of joins.entries()) {
      join.add(part.edges[i]!);
      for (const period of part.periods[i]!) queue.push({ condition: i, period });
    }
    yield* queue;
    queue = [];
  }
  const summaries = joins.map((j) => j.finish());
  yield* queue;
  return summaries;
}

/** The done chunks from the export's start with none missing between them: what can be joined now. */
export function donePrefix(chunks: readonly ChunkRecord[], windowStart: number): ChunkRecord[] {
  const out: ChunkRecord[] = [];
  let t = windowStart;
  for (;;) {
    const c = chunks.find((x) => x.start === t);
    if (c?.state !== 'done') return out;
    out.push(c);
    t = c.end;
  }
}

/** The conditions' periods over the chunks in so far, for the window (the first CONDITION_PERIODS_SHOWN of each). */
export async function conditionPeriods(dir: string, m: Manifest | null): Promise<{ conditions: ConditionPeriods[]; chunks: ChunkCount }> {
  const chunks = { done: m?.chunks.filter((c) => c.state === 'done').length ?? 0, total: m?.chunks.length ?? 0 };
  if (!m) return { conditions: [], chunks };
  const planned = plannedConditions(m.request);
  const periods: ConditionPeriod[][] = planned.map(() => []);
  const join = joinConditions(planned, dir, donePrefix(m.chunks, Date.parse(m.request.timeWindow.start)));
  for (;;) {
    const next = await join.next();
    if (next.done) {
      return { conditions: planned.map((c, i) => ({ name: c.name, summary: next.value[i]!, periods: periods[i]! })), chunks };
    }
    const list = periods[next.value.condition]!;
    if (list.length < CONDITION_PERIODS_SHOWN) list.push(next.value.period);
  }
}
