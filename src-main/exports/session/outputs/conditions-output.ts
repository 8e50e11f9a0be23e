import { access, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SavedFile } from '../../save/atomic-save';
import { writeConditionsFile } from '../../conditions-file/conditions-file';
import { periodsPath } from '../read-task';
import type { OutputSpecs } from '../export-session';
import { quietOutput, type OutputContext, type SessionOutput } from './session-output';

/*
 * The request's conditions: each chunk's periods file is written by the worker that reads it
 * (`periods/NNNN.json` in the work folder, for the preview's bands and table and for Resume); with a
 * file asked for, the chunks' periods are joined in time order as they are done and written to it,
 * atomically.
 */

type ConditionsFile = OutputSpecs['conditions'];

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

export function conditionsOutput(ctx: OutputContext, file: ConditionsFile): SessionOutput {
  let saved: SavedFile | null = null;
  return {
    ...quietOutput,
    key: file ? { kind: 'conditions', path: file.path, format: file.format } : null,
    prepare: () => mkdir(join(ctx.dir, 'periods'), { recursive: true }).then(() => undefined),
    sink: () => null,
    intact: (c) => (c.rows ? exists(periodsPath(ctx.dir, c)) : Promise.resolve(true)),
    async run(inOrder, signal) {
      if (!file) return;
      await mkdir(dirname(file.path), { recursive: true });
      saved = await writeConditionsFile(ctx.request, ctx.dir, inOrder, file, signal);
    },
    finish: async () => (saved ? { kind: 'conditions', saved } : { kind: 'preview' }),
  };
}
