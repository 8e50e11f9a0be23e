import { issueAt, type DeriveIssue } from './syntax';
import { DURATION_UNITS, isDurationUnit } from './durations';

/*
 * Text to tokens, each with where it starts and ends. Names are letters, digits and `_` (any
 * script: `Température` is a name), not starting with a digit; any other column name is written
 * between backticks, a backtick inside doubled: `Wind Speed`, `Flow-In`, `a``b`. Strings are in
 * double or single quotes, with \" \' and \\ as escapes. A number directly followed by a unit is a
 * duration: 10m, 1.5h, 500ms.
 */

export type Token =
  | { kind: 'number'; value: number; at: number; end: number }
  | { kind: 'duration'; ms: number; at: number; end: number }
  | { kind: 'string'; value: string; at: number; end: number }
  /** A bare name: a keyword, a function or a column, decided by the parser. */
  | { kind: 'name'; text: string; at: number; end: number }
  /** A name between backticks: always a column. */
  | { kind: 'quoted'; text: string; at: number; end: number }
  | { kind: 'op'; text: string; at: number; end: number }
  | { kind: 'end'; at: number; end: number };

export class DeriveSyntaxError extends Error {
  constructor(readonly issue: DeriveIssue) {
    super(issue.message);
  }
}

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const UNIT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const OPS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '^', '(', ')', ','];

const fail = (message: string, at: number, end = at + 1, hint?: string): never => {
  throw new DeriveSyntaxError(issueAt(message, { at, end }, hint));
};

/** The tokens of `text`, ending with an `end` token; throws DeriveSyntaxError at the first bad one. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const at = i;
    if (/[0-9.]/.test(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail(`unexpected "${c}"`, at);
      i += m![0].length;
      const value = Number(m![0]);
      if (!Number.isFinite(value)) fail(`the number ${m![0]} is too large`, at, i);
      UNIT.lastIndex = i;
      const u = UNIT.exec(text);
      if (u) {
        const unit = u[0].toLowerCase();
        if (!isDurationUnit(unit))
          fail(`unknown unit "${u[0]}"`, i, i + u[0].length, 'a duration is written 500ms, 10s, 10m, 2h, 1d or 1w');
        i += u[0].length;
        out.push({ kind: 'duration', ms: value * DURATION_UNITS[unit as keyof typeof DURATION_UNITS], at, end: i });
      } else out.push({ kind: 'number', value, at, end: i });
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < text.length && NAME_PART.test(text[j]!)) j++;
      out.push({ kind: 'name', text: text.slice(i, j), at, end: j });
      i = j;
      continue;
    }
    if (c === '`') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) fail('unterminated column name', at, j, 'a backtick opens it and none closes it');
        if (text[j] === '`') {
          if (text[j + 1] === '`') {
            name += '`';
            j += 2;
            continue;
          }
          break;
        }
        name += text[j];
        j++;
      }
      if (!name.length) fail('empty column name', at, j + 1);
      out.push({ kind: 'quoted', text: name, at, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) fail('unterminated string', at, j, 'a quote opens it and none closes it');
        const d = text[j]!;
        if (d === c) break;
        if (d === '\\') {
          const e = text[j + 1];
          if (e !== '\\' && e !== '"' && e !== "'") fail('unknown escape in a string', j, j + 2, 'write \\\\, \\" or \\\'');
          value += e;
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      out.push({ kind: 'string', value, at, end: j + 1 });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) {
      if (c === '=') fail('unexpected "="', at, at + 1, 'to compare, write ==');
      if (c === '!') fail('unexpected "!"', at, at + 1, 'write != to compare, or not');
      if (c === '&' || c === '|') fail(`unexpected "${c}"`, at, at + 1, 'write and, or');
      fail(`unexpected "${String.fromCodePoint(text.codePointAt(i)!)}"`, at);
    }
    out.push({ kind: 'op', text: op!, at, end: i + op!.length });
    i += op!.length;
  }
  out.push({ kind: 'end', at: text.length, end: text.length });
  return out;
}
