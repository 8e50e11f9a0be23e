import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCliArgs, type ExportArgs } from './args';
import { shardFromEnv } from './shard-env';

/*
 * deploy/: the Kubernetes Indexed Job, the Slurm array script and the AWS Batch job definition
 * parse, name the same image and the same command line, which is a valid `export --shard auto`;
 * and every task each engine starts (its own variables, numbered its own way) gets a different
 * shard, all of them together every shard once. The child-process run of the same variables is in
 * object-storage/s3-export.test.ts.
 */

const text = (path: string) => readFile(`deploy/${path}`, 'utf8');

interface Deployed {
  image: string;
  args: string[];
  /** The env of each task the engine starts. */
  tasks: Record<string, string>[];
}

async function kubernetes(): Promise<Deployed> {
  const job = parse(await text('kubernetes/indexed-job.yaml'));
  expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', spec: { completionMode: 'Indexed' } });
  const [container] = job.spec.template.spec.containers;
  const n: number = job.spec.completions;
  return {
    image: container.image,
    args: container.args,
    tasks: Array.from({ length: n }, (_, i) => ({ JOB_COMPLETION_INDEX: String(i) })),
  };
}

async function slurm(): Promise<Deployed> {
  const script = await text('slurm/fleet-export.sbatch');
  const [, min, max] = /^#SBATCH --array=(\d+)-(\d+)$/m.exec(script)!.map(Number) as [number, number, number];
  // The apptainer line, its continuations joined: the image, then the command line.
  const lines = script.split('\n');
  const from = lines.findIndex((l) => l.startsWith('apptainer run'));
  const to = lines.findIndex((l, i) => i >= from && !l.endsWith('\\'));
  const command = lines
    .slice(from, to + 1)
    .map((l) => l.replace(/\\$/, ''))
    .join(' ');
  const words = command.split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => w.startsWith('docker://'));
  const tasks = [];
  for (let id = min; id <= max; id++)
    tasks.push({
      SLURM_ARRAY_TASK_ID: String(id),
      SLURM_ARRAY_TASK_MIN: String(min),
      SLURM_ARRAY_TASK_MAX: String(max),
      SLURM_ARRAY_TASK_COUNT: String(max - min + 1),
    });
  expect(command).toContain('SLURM_ARRAY_TASK_ID=$SLURM_ARRAY_TASK_ID,SLURM_ARRAY_TASK_MIN=$SLURM_ARRAY_TASK_MIN');
  return { image: words[at]!.slice('docker://'.length), args: words.slice(at + 1), tasks };
}

async function awsBatch(shards: number): Promise<Deployed> {
  const definition = JSON.parse(await text('aws-batch/job-definition.json'));
  expect(definition).toMatchObject({ type: 'container' });
  const guide = await text('aws-batch/README.md');
  // The array's size is given at submit time (the guide's submit-job), and must be --shards.
  expect(guide).toContain(`"size": ${shards}`);
  const { image, command } = definition.containerProperties;
  return { image, args: command, tasks: Array.from({ length: shards }, (_, i) => ({ AWS_BATCH_JOB_ARRAY_INDEX: String(i) })) };
}

describe('deploy/', () => {
  it('names one image and one command line everywhere, a valid export --shard auto', async () => {
    const k8s = await kubernetes();
    const args = parseCliArgs(k8s.args, { apiUrl: 'https://api.apps.nor.tech' }) as ExportArgs;
    expect(args).toMatchObject({ command: 'export', shard: 'auto', layout: 'dataset' });
    expect(args.output).toMatch(/^s3:\/\//);
    const all = [k8s, await slurm(), await awsBatch(args.shards!)];
    expect(new Set(all.map((d) => d.image)).size).toBe(1);
    for (const d of all) expect(d.args).toEqual(k8s.args);
    const dockerfile = await text('Dockerfile');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/cli.js"\]$/m);
    expect(dockerfile).toContain(k8s.image);

    // Each task of each engine its own shard, together every shard once.
    for (const d of all) {
      const shards = d.tasks.map((env) => shardFromEnv(env, args.shards));
      expect(shards.map((s) => s.count)).toEqual(d.tasks.map(() => args.shards));
      expect(shards.map((s) => s.index)).toEqual(Array.from({ length: args.shards! }, (_, i) => i));
    }
  });
});
