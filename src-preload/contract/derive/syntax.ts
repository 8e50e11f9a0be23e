/*
 * The tree of an expression of the derive language (see README.md beside this file), as the parser
 * makes it and the checker, the printer and the main process's evaluator read it. Plain data
 * (JSON-safe), so a checked expression can be handed to a worker as it is. Each node keeps where it
 * was written, `[at, end)` in the text (UTF-16 indexes, as JavaScript strings count), so that an
 * error points there.
 */

export interface Span {
  at: number;
  end: number;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^';
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOp = 'and' | 'or';
export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp;

export type Expr =
  | (Span & { type: 'number'; value: number })
  | (Span & { type: 'string'; value: string })
  | (Span & { type: 'boolean'; value: boolean })
  /** `10m`: only as an argument (a window, a shift) or after `for`. */
  | (Span & { type: 'duration'; ms: number })
  | (Span & { type: 'column'; name: string })
  | (Span & { type: 'unary'; op: '-' | 'not'; arg: Expr })
  /** `opAt`: where the operator is written (a type error between two sides points there). */
  | (Span & { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; opAt: number })
  | (Span & { type: 'call'; fn: FunctionName; args: Expr[] });

export type FunctionName =
  | 'abs'
  | 'min'
  | 'max'
  | 'if'
  | 'convert'
  | 'hold'
  | 'shift'
  | 'rolling_mean'
  | 'rolling_min'
  | 'rolling_max'
  | 'rolling_sum'
  | 'diff'
  | 'rate';

export type DurationOp = '>=' | '>' | '<=' | '<';

/** A condition: a true/false expression, and optionally how long a period must (or may) last. */
export interface ConditionTree {
  expr: Expr;
  duration?: Span & { op: DurationOp; ms: number };
}

/** A problem in the text: what, and where (`[at, end)`; the message ends with "at position N"). */
export interface DeriveIssue {
  message: string;
  at: number;
  end: number;
}

/** Each level binds tighter than the one before; the printer and the parser share these. */
export const PRECEDENCE = {
  or: 1,
  and: 2,
  not: 3,
  comparison: 4,
  additive: 5,
  multiplicative: 6,
  unary: 7,
  power: 8,
  atom: 9,
} as const;

export function precedenceOf(e: Expr): number {
  switch (e.type) {
    case 'binary':
      return binaryPrecedence(e.op);
    case 'unary':
      return e.op === 'not' ? PRECEDENCE.not : PRECEDENCE.unary;
    default:
      return PRECEDENCE.atom;
  }
}

export function binaryPrecedence(op: BinaryOp): number {
  switch (op) {
    case 'or':
      return PRECEDENCE.or;
    case 'and':
      return PRECEDENCE.and;
    case '+':
    case '-':
      return PRECEDENCE.additive;
    case '*':
    case '/':
    case '%':
      return PRECEDENCE.multiplicative;
    case '^':
      return PRECEDENCE.power;
    default:
      return PRECEDENCE.comparison;
  }
}

export const COMPARISON_OPS: readonly ComparisonOp[] = ['==', '!=', '<', '<=', '>', '>='];
export const isComparison = (op: BinaryOp): op is ComparisonOp => (COMPARISON_OPS as readonly string[]).includes(op);

/** Words that are not column names unless quoted with backticks. */
export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'true', 'false', 'for']);

/**
 * An issue at a span: `unknown function "rollin_mean" at position 0`, then the hint if any
 * (`: did you mean rolling_mean?`), so that what and where come first.
 */
export const issueAt = (message: string, span: Span, hint?: string): DeriveIssue => ({
  message: `${message} at position ${span.at}${hint ? `: ${hint}` : ''}`,
  at: span.at,
  end: Math.max(span.end, span.at + 1),
});
