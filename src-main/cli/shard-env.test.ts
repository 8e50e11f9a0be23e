import { describe, expect, it } from 'vitest';
import { shardFromEnv } from './shard-env';

/* Each scheduler's numbering to 0-based I of N, and every way its variables can be wrong (the child-process run is in object-storage/s3-export.test.ts). */

const pick = (env: Record<string, string>, shards?: number) => {
  const { index, count } = shardFromEnv(env, shards);
  return `${index}/${count}`;
};

describe('--shard auto', () => {
  it('reads Kubernetes Indexed Jobs, AWS Batch arrays and Slurm arrays', () => {
    expect(pick({ JOB_COMPLETION_INDEX: '3' }, 4)).toBe('3/4');
    expect(pick({ AWS_BATCH_JOB_ARRAY_INDEX: '0' }, 8)).toBe('0/8');
    expect(pick({ AWS_BATCH_JOB_ARRAY_INDEX: '7', AWS_BATCH_JOB_ARRAY_SIZE: '8' })).toBe('7/8');
    expect(pick({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '16', SLURM_ARRAY_TASK_MAX: '16' })).toBe(
      '0/16',
    );
    expect(pick({ SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_MAX: '10' }, 6)).toBe(
      '4/6',
    );
  });

  it('refuses what is missing, malformed or contradicts', () => {
    const refused = (env: Record<string, string>, shards?: number) => () => shardFromEnv(env, shards);
    expect(refused({})).toThrow(/none of JOB_COMPLETION_INDEX/);
    expect(refused({ JOB_COMPLETION_INDEX: '0' })).toThrow(/pass --shards N/);
    expect(refused({ JOB_COMPLETION_INDEX: '4' }, 4)).toThrow(/only 4/);
    expect(refused({ JOB_COMPLETION_INDEX: 'x' }, 4)).toThrow(/JOB_COMPLETION_INDEX is "x", not a whole number/);
    expect(refused({ JOB_COMPLETION_INDEX: '0', AWS_BATCH_JOB_ARRAY_INDEX: '0' }, 2)).toThrow(/both set/);
    expect(refused({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' }, 2)).toThrow(/contradicts/);
    expect(refused({ SLURM_ARRAY_TASK_ID: '3' }, 4)).toThrow(/SLURM_ARRAY_TASK_MIN is not/);
    expect(refused({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2' }, 4)).toThrow(/not in the array/);
    // A list with gaps (--array=1,4,9): three tasks over 1-9.
    expect(
      refused({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '9', SLURM_ARRAY_TASK_COUNT: '3' }),
    ).toThrow(/does not hold 3 tasks/);
    expect(refused({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' }, 3)).toThrow(/contradicts/);
  });
});
