import { UsageError } from './args';

/*
 * `--shard auto`: the shard a process runs, read from the variables its batch scheduler sets for
 * each task of an array, so that one manifest (one command line) serves every task and no
 * coordinator is needed. Each engine numbers its tasks its own way; all end as 0-based I of N, the
 * same as `--shard I/N`. Anything missing, malformed or contradictory is a usage error (exit 2),
 * raised before Nortech is asked anything.
 */

export interface ResolvedShard {
  index: number;
  count: number;
  /** Which engine's variables said so, for the progress line and the log. */
  from: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const ENGINES = {
  kubernetes: 'JOB_COMPLETION_INDEX',
  'AWS Batch': 'AWS_BATCH_JOB_ARRAY_INDEX',
  Slurm: 'SLURM_ARRAY_TASK_ID',
} as const;

/** A variable as a whole number ≥ 0 (`min`), or a usage error naming it. */
function whole(env: Env, name: string, min = 0): number {
  const text = env[name]?.trim() ?? '';
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`--shard auto: ${name} is "${env[name] ?? ''}", not a whole number${min ? ` of at least ${min}` : ''}`);
  return Number(text);
}

const present = (env: Env, name: string) => env[name] !== undefined && env[name] !== '';

/** The count from the engine (when it says) and from `--shards` (when given) must agree; one of them is needed. */
function countOf(engine: string, fromEnv: { name: string; value: number } | null, shards: number | undefined): number {
  if (fromEnv && shards !== undefined && fromEnv.value !== shards)
    throw new UsageError(`--shard auto: --shards ${shards} contradicts ${engine}'s ${fromEnv.name}=${fromEnv.value}`);
  const count = fromEnv?.value ?? shards;
  if (count === undefined)
    throw new UsageError(`--shard auto: ${engine} does not say how many shards there are; pass --shards N (the array's size)`);
  if (count < 1) throw new UsageError(`--shard auto: the shard count must be at least 1`);
  return count;
}

function checked(index: number, count: number, from: string): ResolvedShard {
  if (index >= count)
    throw new UsageError(`--shard auto: ${from} gives shard ${index}, but there are only ${count} (numbered from 0); check --shards`);
  return { index, count, from };
}

/** The shard of this task of an array job: Kubernetes Indexed Jobs, AWS Batch array jobs or Slurm job arrays. */
export function shardFromEnv(env: Env, shards: number | undefined): ResolvedShard {
  const found = Object.entries(ENGINES).filter(([, name]) => present(env, name));
  if (found.length === 0)
    throw new UsageError(
      `--shard auto: none of ${Object.values(ENGINES).join(', ')} is set (not a task of a Kubernetes Indexed Job, an AWS Batch array job or a Slurm job array); pass --shard I/N`,
    );
  if (found.length > 1)
    throw new UsageError(
      `--shard auto: ${found.map(([, name]) => name).join(' and ')} are both set; which scheduler's shard is this? Unset the other`,
    );
  const [engine] = found[0]!;
  if (engine === 'kubernetes') {
    // An Indexed Job's pods know their index only; the completions are the Job's, passed as --shards.
    const index = whole(env, ENGINES.kubernetes);
    return checked(index, countOf('Kubernetes', null, shards), `Kubernetes' JOB_COMPLETION_INDEX=${index}`);
  }
  if (engine === 'AWS Batch') {
    const index = whole(env, ENGINES['AWS Batch']);
    const size = present(env, 'AWS_BATCH_JOB_ARRAY_SIZE')
      ? { name: 'AWS_BATCH_JOB_ARRAY_SIZE', value: whole(env, 'AWS_BATCH_JOB_ARRAY_SIZE', 1) }
      : null;
    return checked(index, countOf('AWS Batch', size, shards), `AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX=${index}`);
  }
  // Slurm numbers tasks as the --array range says (1-16, 0-30:2): the shard is the task's place in it.
  const id = whole(env, 'SLURM_ARRAY_TASK_ID');
  if (!present(env, 'SLURM_ARRAY_TASK_MIN'))
    throw new UsageError('--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not (not a task of a Slurm job array?)');
  const min = whole(env, 'SLURM_ARRAY_TASK_MIN');
  const step = present(env, 'SLURM_ARRAY_TASK_STEP') ? whole(env, 'SLURM_ARRAY_TASK_STEP', 1) : 1;
  if (id < min || (id - min) % step !== 0)
    throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_ID=${id} is not in the array from SLURM_ARRAY_TASK_MIN=${min} by ${step}`);
  const index = (id - min) / step;
  const count = present(env, 'SLURM_ARRAY_TASK_COUNT')
    ? { name: 'SLURM_ARRAY_TASK_COUNT', value: whole(env, 'SLURM_ARRAY_TASK_COUNT', 1) }
    : null;
  const resolved = checked(index, countOf('Slurm', count, shards), `Slurm's SLURM_ARRAY_TASK_ID=${id} (from ${min})`);
  if (present(env, 'SLURM_ARRAY_TASK_MAX')) {
    // A list with gaps (--array=1,4,9) has no place for each task: refused rather than guessed.
    const max = whole(env, 'SLURM_ARRAY_TASK_MAX');
    if ((max - min) / step + 1 !== resolved.count)
      throw new UsageError(
        `--shard auto: the Slurm array ${min}-${max}${step > 1 ? `:${step}` : ''} does not hold ${resolved.count} tasks; use a plain range (--array=0-${resolved.count - 1})`,
      );
  }
  return resolved;
}
