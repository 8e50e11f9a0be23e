import { formatDuration } from './durations';
import { binaryPrecedence, KEYWORDS, PRECEDENCE, precedenceOf, type ConditionTree, type Expr } from './syntax';

/*
 * A tree back to text, in one canonical form: spaces around binary operators, the parentheses
 * precedence needs and no others, names in backticks only where they must be, durations in their
 * largest whole unit. parse(print(tree)) gives the tree back (property-tested): what the window
 * shows as "what we understood", and how a recipe stores an expression it rewrote.
 */

const BARE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export function printColumn(name: string): string {
  return BARE_NAME.test(name) && !KEYWORDS.has(name.toLowerCase()) ? name : `\`${name.replaceAll('`', '``')}\``;
}

export const printString = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

export function printExpression(e: Expr): string {
  return print(e, PRECEDENCE.or);
}

export function printCondition(c: ConditionTree): string {
  const expr = printExpression(c.expr);
  return c.duration ? `${expr} for ${c.duration.op} ${formatDuration(c.duration.ms)}` : expr;
}

function print(e: Expr, min: number): string {
  const text = bare(e);
  return precedenceOf(e) < min ? `(${text})` : text;
}

function bare(e: Expr): string {
  switch (e.type) {
    case 'number':
      return e.value < 0 || Object.is(e.value, -0) ? `(${e.value < 0 ? String(e.value) : '-0'})` : String(e.value);
    case 'string':
      return printString(e.value);
    case 'boolean':
      return String(e.value);
    case 'duration':
      return formatDuration(e.ms);
    case 'column':
      return printColumn(e.name);
    case 'unary': {
      if (e.op === 'not') return `not ${print(e.arg, PRECEDENCE.not)}`;
      const arg = print(e.arg, PRECEDENCE.unary);
      return arg.startsWith('-') ? `- ${arg}` : `-${arg}`;
    }
    case 'binary': {
      const p = binaryPrecedence(e.op);
      const [left, right] =
        e.op === '^'
          ? [PRECEDENCE.atom, PRECEDENCE.unary]
          : p === PRECEDENCE.comparison
            ? [PRECEDENCE.additive, PRECEDENCE.additive]
            : [p, p + 1];
      return `${print(e.left, left)} ${e.op} ${print(e.right, right)}`;
    }
    case 'call':
      return `${e.fn}(${e.args.map((a) => print(a, PRECEDENCE.or)).join(', ')})`;
  }
}
