import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { SelectedSignal } from '../../src-preload/contract';
import { AppError, isAppError } from '../errors/app-error';
import { describeSignal } from '../nortech/api-errors';
import type { NortechClient } from '../nortech/client';
import { toSignal } from '../nortech/to-domain';
import { WireSignals, type WireSignalSearch } from '../nortech/wire';
import { UsageError } from './args';

/*
 * The signals named on the command line, looked up in Nortech's metadata: the export record needs
 * each one's path, unit and data type, and a signal that does not exist is reported with all the
 * others missing before any data is asked for.
 */

export interface SignalSpec {
  ids: number[];
  paths: Omit<WireSignalSearch, 'rename'>[];
  fromFile: WireSignals | null;
}

/** `--signals-file`: the API's own `signals` array, or a request body holding one. */
export async function readSignalsFile(path: string): Promise<WireSignals> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--signals-file: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  return parseSignals(text, '--signals-file', path);
}

/** A signals file's text (`--signals-json`: given inline). */
export function parseSignals(text: string, flag = '--signals-json', path = 'the text'): WireSignals {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  const parsed = z.union([WireSignals, z.object({ signals: WireSignals }).transform((b) => b.signals)]).safeParse(data);
  if (!parsed.success) {
    throw new UsageError(`${flag}: ${path} must hold an array of signal IDs, or of {workspace, asset, division, unit, signal, rename?}`);
  }
  return parsed.data;
}

type Wanted = { id: number } | WireSignalSearch;

async function lookUp(client: NortechClient, want: Wanted, signal?: AbortSignal): Promise<SelectedSignal | null> {
  try {
    const wire =
      'id' in want
        ? await client.getSignal(want.id, signal)
        : await client.getSignalByPath(want.workspace, want.asset, want.division, want.unit, want.signal, signal);
    const found = toSignal(wire);
    return { ...found, rename: 'rename' in want && want.rename ? want.rename : String(found.id) };
  } catch (error) {
    if (isAppError(error) && error.kind === 'not-found') return null;
    throw error;
  }
}

export async function resolveSignals(client: NortechClient, spec: SignalSpec, signal?: AbortSignal): Promise<SelectedSignal[]> {
  const wanted: Wanted[] = [
    ...spec.ids.map((id) => ({ id })),
    ...spec.paths,
    ...(spec.fromFile ?? []).map((s) => (typeof s === 'number' ? { id: s } : s)),
  ];
  const found: (SelectedSignal | null)[] = new Array(wanted.length).fill(null);
  // A few lookups at a time: quick for ten signals, gentle for five hundred.
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      found[i] = await lookUp(client, wanted[i]!, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, wanted.length) }, worker));
  const missing = wanted.filter((_, i) => found[i] === null).map((w) => ('id' in w ? w.id : w));
  if (missing.length) {
    throw new AppError(
      'signals-not-found',
      `Nortech does not know ${missing.length === 1 ? 'this signal' : `these ${missing.length} signals`}: ${missing.map(describeSignal).join(', ')}.`,
      {
        signals: missing,
        hint: 'Check the IDs and names with `npm run cli -- list`.',
      },
    );
  }
  return found as SelectedSignal[];
}
