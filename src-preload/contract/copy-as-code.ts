import type { Values } from './aggregation';
import type { ExportRequest, SaveFormat } from './exports';
import { pandasOfDerivations } from './copy-as-pandas';

/*
 * Copy as code: an export written as what gives the same file outside the app. The command line
 * (`npm run -s cli -- export …`, README "The command line") takes every part of the request: the
 * signals with their column names (inline, `--signals-json`), the resolved window, the downloaded
 * format, the values, the derivations, and the saved file's options. Python is the same request
 * through Nortech's SDK (`nortech.datatools.pandas.get_df`, as its README shows it), renamed,
 * aggregated with pandas, and written in the file's format; derived signals and conditions are
 * written as pandas (copy-as-pandas.ts), the conditions' periods saved beside the data file.
 */

export interface SaveChoice {
  /** The file's name as the user would give it to `--output`. */
  output: string;
  format: SaveFormat;
  layout: 'file' | 'dataset';
  timeZone: string;
  localTimeColumn: boolean;
  excelLocale: string | null;
  /** The file's values when they differ from the export's (a raw export saved hourly). */
  values?: Values | undefined;
}

/** A word for a POSIX shell: as it is when it is safe, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line's arguments (after `export`) for this export saved so. */
export function commandLineArgs(request: ExportRequest, save: SaveChoice): string[] {
  const values = save.values ?? request.values;
  const signals = request.signals.map((s) => ({
    workspace: s.workspace.name,
    asset: s.asset.name,
    division: s.division.name,
    unit: s.unit.name,
    signal: s.name,
    rename: s.rename,
  }));
  const args = ['--signals-json', JSON.stringify(signals), '--start', request.timeWindow.start, '--end', request.timeWindow.end];
  args.push('--format', request.format);
  // Aggregation buckets and the file's times share one zone on the command line (--tz).
  const tz = values.kind === 'every' ? values.timeZone : save.timeZone;
  if (tz !== 'UTC') args.push('--tz', tz);
  if (values.kind === 'every') args.push('--every', values.interval, '--agg', values.fns.join(','));
  for (const d of request.derivations?.derived ?? []) args.push('--derive', `${d.name}=${d.expression}`);
  for (const c of request.derivations?.conditions ?? []) {
    args.push('--condition', `${c.name}=${c.expression}`);
    if (c.statsOf) args.push('--condition-stats', `${c.name}=${c.statsOf}`);
  }
  if (save.layout === 'dataset') args.push('--layout', 'dataset');
  if (save.localTimeColumn) args.push('--local-time');
  if (save.excelLocale) args.push('--excel', save.excelLocale);
  args.push('--output', save.output);
  return args;
}

/** The command line as one line to paste into a shell (the API key from NORTECH_API_KEY, as Nortech's SDK reads it). */
export function copyAsCommandLine(request: ExportRequest, save: SaveChoice, apiUrl: string): string {
  return [
    `NORTECH_API_URL=${shellWord(apiUrl)}`,
    'npm',
    'run',
    '-s',
    'cli',
    '--',
    'export',
    ...commandLineArgs(request, save).map(shellWord),
  ].join(' ');
}

const py = (s: string) => JSON.stringify(s);

/** The periods file beside the data file: `out.csv` -> `out-periods.csv` (a dataset folder: `out-periods.parquet`). */
const periodsFileName = (output: string, format: SaveFormat) => `${output.replace(/\.[A-Za-z]+$/, '')}-periods.${format}`;

function pyDatetime(iso: string): string {
  const d = new Date(iso);
  const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  const micro = d.getUTCMilliseconds() * 1000;
  return `datetime(${[...parts, ...(micro ? [micro] : [])].join(', ')}, tzinfo=timezone.utc)`;
}

const PANDAS_FN: Record<string, string> = {
  mean: 'mean',
  min: 'min',
  max: 'max',
  first: 'first',
  last: 'last',
  count: 'count',
  sum: 'sum',
};

/** The same request in Python, with Nortech's SDK and pandas. */
export function copyAsPython(request: ExportRequest, save: SaveChoice, apiUrl: string): string {
  const values = save.values ?? request.values;
  const lines: string[] = [
    '# pip install nortech pandas pyarrow openpyxl',
    `# NORTECH_API_URL=${apiUrl} and NORTECH_API_KEY in the environment`,
    'from datetime import datetime, timezone',
    '',
    'from nortech import Nortech',
    'from nortech.core.values.signal import SignalInputDict',
    'from nortech.datatools.values.windowing import TimeWindow',
    '',
    'nortech = Nortech()',
    '',
    'signals: list[SignalInputDict] = [',
  ];
  for (const s of request.signals) {
    lines.push(
      `    {"workspace": ${py(s.workspace.name)}, "asset": ${py(s.asset.name)}, "division": ${py(s.division.name)}, "unit": ${py(s.unit.name)}, "signal": ${py(s.name)}},`,
    );
  }
  lines.push(
    ']',
    `time_window = TimeWindow(start=${pyDatetime(request.timeWindow.start)}, end=${pyDatetime(request.timeWindow.end)})`,
    '',
    'df = nortech.datatools.pandas.get_df(signals=signals, time_window=time_window)',
    "# Columns come as workspace/asset/division/unit/signal: give them the export's names.",
    'df = df.rename(columns={',
  );
  for (const s of request.signals)
    lines.push(`    ${py([s.workspace.name, s.asset.name, s.division.name, s.unit.name, s.name].join('/'))}: ${py(s.rename)},`);
  lines.push('})');
  const derive = pandasOfDerivations(request);
  if (derive.helpers.length) {
    // Imported where the derivations need them, then the helpers, then the columns.
    lines.splice(lines.indexOf('from nortech import Nortech'), 0, 'import numpy as np', 'import pandas as pd', '');
    lines.push(
      '',
      '# The derive language\'s rules where pandas differs (Signal Explorer\'s README, "Derived signals and conditions").',
      ...derive.helpers,
    );
  }
  if (derive.derived.length) lines.push('', "# Derived signals: more columns, after the signals'.", ...derive.derived);
  if (derive.periods.length)
    lines.push('', "# Conditions: their periods, one row each (the command line's --conditions-output).", ...derive.periods);
  if (derive.untranslated.length) {
    lines.push('', '# Not written as pandas (the command line below computes them):');
    for (const u of derive.untranslated) lines.push(`#   ${u}`);
    lines.push(`#   ${copyAsCommandLine(request, save, apiUrl)}`);
  }
  if (values.kind === 'every') {
    const fns = values.fns.map((f) => py(PANDAS_FN[f]!)).join(', ');
    const freq = values.interval.replace(/m$/, 'min');
    lines.push(
      '',
      `# One row per ${values.interval} on the wall clock of ${values.timeZone}, named <column>_<fn>.`,
      `df = df.tz_convert(${py(values.timeZone)}).resample(${py(freq)}).agg([${fns}])`,
      'df.columns = [f"{column}_{fn}" for column, fn in df.columns]',
      'df = df.dropna(how="all")',
    );
  }
  if (save.timeZone !== 'UTC' && save.format !== 'parquet') lines.push(`df = df.tz_convert(${py(save.timeZone)})`);
  const out = py(save.output);
  const write: Record<SaveFormat, string> = {
    parquet:
      save.layout === 'dataset'
        ? `df.assign(date=df.index.strftime("%Y-%m-%d")).to_parquet(${out}, partition_cols=["date"])`
        : `df.to_parquet(${out})`,
    csv: `df.to_csv(${out})`,
    json: `df.reset_index().to_json(${out}, orient="records", date_format="iso")`,
    xlsx: `df.tz_localize(None).to_excel(${out})`,
  };
  lines.push('', write[save.format]);
  if (derive.periods.length) {
    const periodsOut = py(periodsFileName(save.output, save.format));
    const zone = save.timeZone !== 'UTC' && save.format !== 'parquet' ? `.tz_convert(${py(save.timeZone)})` : '';
    const writePeriods: Record<SaveFormat, string> = {
      parquet: `periods.to_parquet(${periodsOut})`,
      csv: `periods${zone}.to_csv(${periodsOut})`,
      json: `periods${zone}.reset_index().to_json(${periodsOut}, orient="records", date_format="iso")`,
      xlsx: `periods${zone}.tz_localize(None).to_excel(${periodsOut})`,
    };
    lines.push(writePeriods[save.format]);
  }
  lines.push('');
  return lines.join('\n');
}
