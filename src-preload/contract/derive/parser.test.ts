import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCondition, parseExpression } from './parser';
import { printCondition, printExpression } from './print';
import type { Expr } from './syntax';
import { FUNCTIONS, FUNCTION_NAMES } from './functions';

/** A tree without its positions: what two spellings of one expression share. */
function shape(e: Expr): unknown {
  switch (e.type) {
    case 'unary':
      return { type: e.type, op: e.op, arg: shape(e.arg) };
    case 'binary':
      return { type: e.type, op: e.op, left: shape(e.left), right: shape(e.right) };
    case 'call':
      return { type: e.type, fn: e.fn, args: e.args.map(shape) };
    default: {
      const { at: _a, end: _e, ...rest } = e;
      return rest;
    }
  }
}

const parse = (text: string) => {
  const p = parseExpression(text);
  if (!p.ok) throw new Error(p.issue.message);
  return p.value;
};
const error = (text: string) => {
  const p = parseExpression(text);
  if (p.ok) throw new Error(`parsed: ${text}`);
  return p.issue;
};
const canonical = (text: string) => printExpression(parse(text));

describe('parse', () => {
  it('binds as arithmetic does: powers first (right to left), then unary minus, products, sums, comparisons, not, and, or', () => {
    expect(canonical('1 + 2 * 3 ^ 2 ^ 0.5')).toBe('1 + 2 * 3 ^ 2 ^ 0.5');
    expect(shape(parse('-2^2'))).toEqual(shape(parse('-(2^2)')));
    expect(shape(parse('2^-1'))).toEqual({
      type: 'binary',
      op: '^',
      left: { type: 'number', value: 2 },
      right: { type: 'unary', op: '-', arg: { type: 'number', value: 1 } },
    });
    expect(canonical('(a - b) - c')).toBe('a - b - c');
    expect(canonical('a - (b - c)')).toBe('a - (b - c)');
    expect(canonical('(2 ^ 3) ^ 2')).toBe('(2 ^ 3) ^ 2');
    expect(canonical('(-2) ^ 2')).toBe('(-2) ^ 2');
    expect(canonical('not a > 1 and b or c == "x"')).toBe('not a > 1 and b or c == "x"');
    expect(shape(parse('not a > 1 and b or c'))).toEqual(shape(parse('((not (a > 1)) and b) or c')));
    expect(canonical('a and (b or c)')).toBe('a and (b or c)');
    expect(canonical('-(a + b) * 7 % 3')).toBe('-(a + b) * 7 % 3');
  });

  it('reads numbers, durations, strings, booleans, names and quoted names', () => {
    expect(parse('1.5e3')).toMatchObject({ type: 'number', value: 1500 });
    expect(parse('.5')).toMatchObject({ type: 'number', value: 0.5 });
    expect(parse('10m')).toMatchObject({ type: 'duration', ms: 600_000 });
    expect(parse('1.5h')).toMatchObject({ type: 'duration', ms: 5_400_000 });
    expect(parse('500ms')).toMatchObject({ type: 'duration', ms: 500 });
    expect(parse('2D')).toMatchObject({ type: 'duration', ms: 172_800_000 });
    expect(parse(`'it''s'`.replace("''", "\\'"))).toMatchObject({ type: 'string', value: "it's" });
    expect(parse('"a \\"b\\" \\\\ c"')).toMatchObject({ type: 'string', value: 'a "b" \\ c' });
    expect(parse('TRUE')).toMatchObject({ type: 'boolean', value: true });
    expect(parse('Température_2')).toMatchObject({ type: 'column', name: 'Température_2' });
    expect(parse('`Wind Speed`')).toMatchObject({ type: 'column', name: 'Wind Speed', at: 0, end: 12 });
    expect(parse('`a``b`')).toMatchObject({ type: 'column', name: 'a`b' });
    expect(parse('`and`')).toMatchObject({ type: 'column', name: 'and' });
    expect(parse('abs')).toMatchObject({ type: 'column', name: 'abs' });
    expect(parse('ROLLING_MEAN(x, 10m)')).toMatchObject({ type: 'call', fn: 'rolling_mean' });
  });

  it('keeps where each node was written', () => {
    const e = parse('rolling_mean(`Wind Speed`, 10m) > 3');
    expect(e).toMatchObject({
      type: 'binary',
      opAt: 32,
      at: 0,
      end: 35,
      left: {
        type: 'call',
        at: 0,
        end: 31,
        args: [
          { at: 13, end: 25 },
          { at: 27, end: 30 },
        ],
      },
    });
  });

  it('reads a condition with its duration clause', () => {
    const c = parseCondition('temp > 80 for >= 5m');
    expect(c.ok && c.value.duration).toMatchObject({ op: '>=', ms: 300_000, at: 10, end: 19 });
    const bare = parseCondition('temp > 80 and mode == "RUN" for 90s');
    expect(bare.ok && printCondition(bare.value)).toBe('temp > 80 and mode == "RUN" for >= 90s');
    const shorter = parseCondition('alarm for < 1m');
    expect(shorter.ok && shorter.value.duration).toMatchObject({ op: '<', ms: 60_000 });
    expect(parseCondition('mode == "RUN"')).toMatchObject({ ok: true, value: { expr: { type: 'binary' } } });
  });
});

describe('errors point at the position', () => {
  it.each([
    ['rollin_mean(temp, 10m)', 'unknown function "rollin_mean" at position 0: did you mean rolling_mean?', 0],
    ['rolling_mean(temp, 10m', 'expected ")" at position 22', 22],
    ['max(a, b) + rolling_mean(temp', 'expected ")" at position 29', 29],
    ['temp +', 'expected an expression at position 6', 6],
    ['', 'expected an expression at position 0', 0],
    ['(temp + 1', 'expected ")" at position 9', 9],
    ['temp + 1)', 'unexpected ")" at position 8: no "(" opens it', 8],
    ['temp = 3', 'unexpected "=" at position 5: to compare, write ==', 5],
    ['a && b', 'unexpected "&" at position 2: write and, or', 2],
    ['1 < x < 3', 'unexpected "<" at position 6: comparisons do not chain: write a < b and b < c', 6],
    [
      'Wind Speed * 2',
      'expected an operator or the end, not "Speed" at position 5: a column name with spaces is written in backticks: `Wind Speed`',
      5,
    ],
    ['rolling_mean(temp, 10min)', 'unknown unit "min" at position 21: a duration is written 500ms, 10s, 10m, 2h, 1d or 1w', 21],
    ['"RUN', 'unterminated string at position 0: a quote opens it and none closes it', 0],
    ['`Wind Speed * 2', 'unterminated column name at position 0: a backtick opens it and none closes it', 0],
    ['rolling_mean(temp)', 'rolling_mean takes 2 arguments, not 1 at position 0: rolling_mean(x, 10m)', 0],
    ['min(temp)', 'min takes at least 2 arguments, not 1 at position 0: min(a, b, …)', 0],
    ['shift(x, 1m, 1h, 1h)', 'shift takes 2 or 3 arguments, not 4 at position 0: shift(x, 10m) or shift(x, 10m, 6h)', 0],
    ['temp > 80 for 5m', 'unexpected "for" at position 10: "for" belongs to conditions, not derived signals', 10],
    ['1 + and', 'expected an expression, not "and" at position 4: a column of that name is written `and`', 4],
    ['shift(x, 400d)', 'a duration longer than 366d at position 9: windows, shifts and holds are at most 366d', 9],
    ['1e999', 'the number 1e999 is too large at position 0', 0],
    ['+3', 'unexpected "+" at position 0: a number needs no sign', 0],
    ['3 # 4', 'unexpected "#" at position 2', 2],
  ])('%s', (text, message, at) => {
    expect(error(text)).toMatchObject({ message, at });
  });

  it('in conditions', () => {
    expect(parseCondition('temp > 80 for')).toMatchObject({
      ok: false,
      issue: { message: 'expected a duration at position 13: after "for" comes how long, like 5m or >= 5m' },
    });
    expect(parseCondition('temp > 80 for 5m for 1m')).toMatchObject({ ok: false, issue: { at: 17 } });
    expect(parseCondition('temp > 80 for >= 5')).toMatchObject({ ok: false, issue: { at: 17 } });
  });

  it('refuses nesting too deep to be written by hand, without overflowing the stack', () => {
    expect(error(`${'('.repeat(100)}1${')'.repeat(100)}`).message).toMatch(/^nested more than 64 deep at position \d+$/);
    expect(error(`${'-'.repeat(200)}1`).message).toMatch(/^nested more than 64 deep/);
    expect(error(`${'not '.repeat(200)}true`).message).toMatch(/^nested more than 64 deep/);
  });
});

/** Random trees as the parser makes them (no negative literals: a minus is a unary node). */
const names = fc.oneof(
  fc.constantFrom('temp', 'Wind Speed', 'and', 'a`b', 'Température', '_x1', 'FOR', 'abs', 'x-y', '9lives'),
  fc
    .string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', ' ', '`', '-', 'é', '1', '_') })
    .filter((s) => s.trim().length > 0),
);
const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc
    .oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e25, noNaN: true }), fc.constant(1e-7))
    .map((value) => ({ type: 'number', value, at: 0, end: 0 }) as Expr),
  fc
    .string({ maxLength: 5, unit: fc.constantFrom('a', '"', "'", '\\', ' ', 'ü') })
    .map((value) => ({ type: 'string', value, at: 0, end: 0 }) as Expr),
  fc.boolean().map((value) => ({ type: 'boolean', value, at: 0, end: 0 }) as Expr),
  fc
    .oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(1.5, 600_000, 86_400_000 * 7, 0.25))
    .map((ms) => ({ type: 'duration', ms, at: 0, end: 0 }) as Expr),
  names.map((name) => ({ type: 'column', name, at: 0, end: 0 }) as Expr),
);
const ops = ['+', '-', '*', '/', '%', '^', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'] as const;
const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .record({ op: fc.constantFrom('-', 'not'), arg: tie('tree') })
      .map(({ op, arg }) => ({ type: 'unary', op, arg, at: 0, end: 0 }) as Expr),
    fc
      .record({ op: fc.constantFrom(...ops), left: tie('tree'), right: tie('tree') })
      .map(({ op, left, right }) => ({ type: 'binary', op, left, right, opAt: 0, at: 0, end: 0 }) as Expr),
    fc
      .constantFrom(...FUNCTION_NAMES)
      .chain((fn) =>
        fc
          .array(tie('tree'), { minLength: FUNCTIONS[fn].min, maxLength: Math.min(FUNCTIONS[fn].max, 4) })
          .map((args) => ({ type: 'call', fn, args, at: 0, end: 0 }) as Expr),
      ),
  ),
}));

describe('print', () => {
  it('prints what parses back to the same tree (random trees)', () => {
    fc.assert(
      fc.property(tree, (t) => {
        // Comparisons do not chain: a tree with a comparison directly under another prints with the parentheses that say so.
        const text = printExpression(t);
        const back = parseExpression(text);
        if (!back.ok) throw new Error(`${text}: ${back.issue.message}`);
        expect(shape(back.value)).toEqual(shape(t));
        expect(printExpression(back.value)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('print(parse(x)) parses to the same tree, for text written by hand', () => {
    for (const text of [
      'rolling_mean(`Wind Speed`,10m)>3 AND NOT(mode=="RUN")',
      '-(-x)',
      '- -x',
      'convert(temp,"degC","degF") - 32 % 5',
      'if(a > 1, "HIGH", \'LOW\')',
      '((a))',
      'shift(x, 1.5h, 60m)',
      'rate(`a``b`) ^ -2 ^ 3',
    ]) {
      const t = parse(text);
      expect(shape(parse(printExpression(t)))).toEqual(shape(t));
    }
    expect(canonical('rolling_mean(`Wind Speed`,10m)>3 AND NOT(mode=="RUN")')).toBe(
      'rolling_mean(`Wind Speed`, 10m) > 3 and not mode == "RUN"',
    );
    expect(canonical('shift(x, 1.5h, 60m)')).toBe('shift(x, 90m, 1h)');
  });

  it('conditions too', () => {
    const c = parseCondition('(temp > 80) FOR > 300s');
    expect(c.ok && printCondition(c.value)).toBe('temp > 80 for > 5m');
  });
});
