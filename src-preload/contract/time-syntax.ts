import { isTimeUnit, type TimeUnit } from './time-calendar';
import { utcOf } from './time-zone';

/*
 * The time language's grammar, read into steps with the offset of each, so that an error points
 * at the character at fault ("now-1x": unknown unit "x" at position 5, counted from 0):
 *
 *   expression := anchor step*
 *   anchor     := "now" | ISO-8601 "||"?       (the "||" before steps, as Elasticsearch writes it)
 *   step       := ("+" | "-") digits? unit     (no digits: 1, as Grafana reads "now-d")
 *               | "/" unit                    (round to the unit; Grafana's "/1d" too)
 *   unit       := s m h d w M y               (M months, m minutes)
 *
 * Spaces between the parts are allowed. An ISO time with an offset (Z, +02:00) is an instant; one
 * without is a wall time, read in the window's zone when the expression is resolved.
 */

export type TimeAnchor = { kind: 'now' } | { kind: 'instant'; ms: number } | { kind: 'wall'; wall: number };
export type TimeStep = { op: 'add'; amount: number; unit: TimeUnit; at: number } | { op: 'round'; unit: TimeUnit; at: number };
export interface TimeExpression {
  anchor: TimeAnchor;
  steps: TimeStep[];
}
/** What is wrong, with the 0-based offset of the character at fault in the text as written. */
export interface TimeSyntaxError {
  message: string;
  position: number;
}
export type TimeSyntax = { ok: true; expression: TimeExpression } | { ok: false; error: TimeSyntaxError };

const UNITS_HINT = 's, m, h, d, w, M (months) or y';
const EXAMPLES = 'now, now-24h, now-1d/d, 2024-03-01T06:00Z or 2024-03-01T00:00Z||+1M/d';
/** Enough for a thousand years in seconds; more can only overflow. */
const MAX_DIGITS = 11;
// Date, then optionally time and offset; the groups are checked one by one to point at a bad one.
const ISO = /(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?/y;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "unknown unit "x" at position 5: units are …": what, where, then how to write it. */
function problem(what: string, position: number, hint?: string): TimeSyntaxError {
  return { message: `${what} at position ${position}${hint ? `: ${hint}` : ''}`, position };
}
const fail = (...args: Parameters<typeof problem>): TimeSyntax => ({ ok: false, error: problem(...args) });

/** Reads an expression's syntax; nothing about zones or the clock yet. */
export function readTimeExpression(text: string): TimeSyntax {
  let i = 0;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (i === text.length) return { ok: false, error: { message: `Enter a time, e.g. ${EXAMPLES}`, position: i } };
  let anchor: TimeAnchor;
  if (text.slice(i, i + 3).toLowerCase() === 'now') {
    anchor = { kind: 'now' };
    i += 3;
  } else {
    const iso = readIso(text, i);
    if ('message' in iso) return { ok: false, error: iso };
    anchor = iso.anchor;
    i = iso.end;
    skipSpaces();
    if (text.startsWith('||', i)) i += 2;
    else if (i < text.length && '+-/'.includes(text[i]!))
      return fail(`"${text[i]}" right after a date`, i, 'write "||" between a date and its steps, as in 2024-03-01||+1d');
  }
  const steps: TimeStep[] = [];
  for (skipSpaces(); i < text.length; skipSpaces()) {
    const at = i;
    const sign = text[i]!;
    if (!'+-/'.includes(sign)) {
      return anchor.kind === 'now' || steps.length
        ? fail(`unexpected "${sign}"`, at, 'a step starts with +, - or / (now-1d/d)')
        : fail(`unexpected "${sign}"`, at, `write ${EXAMPLES}`);
    }
    i++;
    skipSpaces();
    const digitsAt = i;
    while (text[i] !== undefined && text[i]! >= '0' && text[i]! <= '9') i++;
    const digits = text.slice(digitsAt, i);
    if (digits.length > MAX_DIGITS) return fail(`a number of ${digits.length} digits`, digitsAt, 'no time is that far away');
    if (text[i] === '.' || text[i] === ',') return fail(`"${text[i]}" in a number`, i, 'steps are whole numbers (now-90m, not now-1.5h)');
    if (sign === '/' && digits && Number(digits) !== 1) return fail(`rounding to ${digits} units`, digitsAt, 'round to one unit, as in /d');
    skipSpaces();
    const unit = readUnit(text, i);
    if ('message' in unit) return { ok: false, error: unit };
    i = unit.end;
    steps.push(
      sign === '/'
        ? { op: 'round', unit: unit.unit, at }
        : { op: 'add', amount: (sign === '-' ? -1 : 1) * (digits ? Number(digits) : 1), unit: unit.unit, at },
    );
  }
  return { ok: true, expression: { anchor, steps } };
}

function readUnit(text: string, i: number): { unit: TimeUnit; end: number } | TimeSyntaxError {
  const c = text[i];
  if (c === undefined) return problem('a unit is missing', i, `units are ${UNITS_HINT}`);
  let word = c;
  while (/[a-z]/i.test(text[i + word.length] ?? '')) word += text[i + word.length];
  if (word.length === 1 && isTimeUnit(c)) return { unit: c, end: i + 1 };
  const near = word.length === 1 && isTimeUnit(c.toLowerCase()) ? `did you mean "${c.toLowerCase()}"? Units are` : 'units are';
  return problem(`unknown unit "${word}"`, i, `${near} ${UNITS_HINT}`);
}

function readIso(text: string, from: number): { anchor: TimeAnchor; end: number } | TimeSyntaxError {
  ISO.lastIndex = from;
  const m = ISO.exec(text);
  if (!m) {
    const word = text.slice(from).split(/[\s|+/]/)[0] || text.slice(from, from + 1);
    return problem(`"${word}" is not a time`, from, `write ${EXAMPLES}`);
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as number[];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  // The date and time have fixed places: 2024-03-01T06:00:00.
  if (month! < 1 || month! > 12) return problem(`there is no month ${m[2]}`, from + 5);
  if (day! < 1 || day! > new Date(utcOf(year!, month! + 1, 0)).getUTCDate())
    return problem(`${MONTHS[month! - 1]} ${year} has no day ${m[3]}`, from + 8);
  if (hour! > 23) return problem(`there is no hour ${m[4]}`, from + 11, 'hours go from 00 to 23');
  if (minute! > 59) return problem(`there is no minute ${m[5]}`, from + 14);
  if (second! > 59) return problem(`there is no second ${m[6]}`, from + 17);
  const wall = utcOf(year!, month!, day!, hour, minute, second, ms);
  const end = from + m[0].length;
  if (m[8]) return { anchor: { kind: 'instant', ms: wall }, end };
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    const at = from + Math.max(m[0].lastIndexOf('+'), m[0].lastIndexOf('-'));
    if (oh > 18 || om > 59) return problem(`"${m[0].slice(at - from)}" is not an offset from UTC`, at, 'offsets go from -18:00 to +18:00');
    return { anchor: { kind: 'instant', ms: wall - (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000 }, end };
  }
  return { anchor: { kind: 'wall', wall }, end };
}
