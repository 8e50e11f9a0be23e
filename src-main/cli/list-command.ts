import { createNortechClient } from '../nortech/client';
import { UsageError, type ListArgs } from './args';
import { EXIT } from './exit-codes';
import type { CliIo } from './export-command';

/** `list [workspace [asset [division [unit]]]]`: the next level, one per line, tab-separated. */
export async function runList(args: ListArgs, io: CliIo): Promise<number> {
  if (!args.apiKey) throw new UsageError('no API key: pass --api-key or set NORTECH_API_KEY');
  const api = createNortechClient({ apiUrl: args.apiUrl, apiKey: args.apiKey, version: io.version, log: io.log });
  const [w, a, d, u] = args.path;
  const s = io.signal;
  const rows: (string | number)[][] =
    args.path.length === 0
      ? (await api.listWorkspaces(s)).map((x) => [x.id, x.name])
      : args.path.length === 1
        ? (await api.listAssets(w!, s)).map((x) => [x.id, x.name])
        : args.path.length === 2
          ? (await api.listDivisions(w!, a!, s)).map((x) => [x.id, x.name])
          : args.path.length === 3
            ? (await api.listUnits(w!, a!, d!, s)).map((x) => [x.id, x.name])
            : (await api.listSignals(w!, a!, d!, u!, s)).map((x) => [x.id, x.name, x.physicalUnit, x.dataType]);
  io.stdout.write(rows.map((r) => r.join('\t')).join('\n') + (rows.length ? '\n' : ''));
  return EXIT.saved;
}
