import { evaluateTimeExpression, resolveTime, type WeekStart } from '../../src-preload/contract/time-expressions';
import { UsageError, type TimeArgs } from './args';
import { EXIT } from './exit-codes';

/*
 * `time EXPR`: what an expression resolves to, printed as ISO 8601 in UTC, so that a window can be
 * checked before an export runs on it. With `--end`, Grafana's end: rounding goes to the last
 * millisecond of the unit (`now/d` is 23:59:59.999 of today). A window's end as the export takes
 * it is that plus 1 ms, the first instant of the next unit: windows are half-open.
 */

interface Clock {
  now?: string | undefined;
  tz: string;
  weekStart: WeekStart;
}

/** What `now` stands for: `--now` (read in --tz when it has no offset), else the real clock. */
export function clockOf(args: Clock, realNow: number): number {
  if (!args.now) return realNow;
  const r = resolveTime(args.now, { now: realNow, timeZone: args.tz, weekStart: args.weekStart });
  if (!r.ok) throw new UsageError(`--now: ${r.message}`);
  return r.ms;
}

/** The message with the expression under it and a caret at the bad character. */
export function pointAt(expression: string, message: string, position: number | undefined): string {
  return position === undefined ? message : `${message}\n  ${expression}\n  ${' '.repeat(position)}^`;
}

export function runTime(args: TimeArgs, io: { stdout: NodeJS.WritableStream; now: number }): number {
  const context = { now: clockOf(args, io.now), timeZone: args.tz, weekStart: args.weekStart };
  const r = evaluateTimeExpression(args.expression, context, args.end);
  if (!r.ok) throw new UsageError(pointAt(args.expression, r.message, r.position));
  io.stdout.write(`${new Date(r.ms).toISOString()}\n`);
  return EXIT.saved;
}
