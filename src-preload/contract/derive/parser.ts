import { closest, FUNCTION_NAMES, FUNCTIONS, isFunctionName } from './functions';
import { DeriveSyntaxError, tokenize, type Token } from './lexer';
import { MAX_DURATION_MS } from './durations';
import {
  isComparison,
  issueAt,
  KEYWORDS,
  type BinaryOp,
  type ConditionTree,
  type DeriveIssue,
  type DurationOp,
  type Expr,
  type Span,
} from './syntax';

/*
 * A hand-written recursive-descent parser of the derive language: text in, a plain tree out (see
 * syntax.ts), or the first problem with its position. Nothing here, nor anywhere the tree goes,
 * compiles text to JavaScript: no eval, no Function, no library that does.
 *
 *   condition  := or ("for" (">=" | ">" | "<=" | "<")? duration)?
 *   or         := and ("or" and)*
 *   and        := not ("and" not)*
 *   not        := "not" not | comparison
 *   comparison := additive (("==" | "!=" | "<" | "<=" | ">" | ">=") additive)?   (no chains)
 *   additive   := multiplicative (("+" | "-") multiplicative)*
 *   multiplicative := unary (("*" | "/" | "%") unary)*
 *   unary      := "-" unary | power
 *   power      := atom ("^" unary)?                 (right-associative; -2^2 is -(2^2))
 *   atom       := number | duration | string | "true" | "false" | name | `quoted name`
 *               | function "(" (or ("," or)*)? ")" | "(" or ")"
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; issue: DeriveIssue };

/** Nesting deeper than this is refused (a user never writes it; a recursion must stay bounded). */
const MAX_DEPTH = 64;

/** A derived signal's expression. */
export function parseExpression(text: string): Parsed<Expr> {
  return attempt(() => {
    const p = new Parser(tokenize(text));
    const expr = p.or();
    p.expectEnd(false);
    return expr;
  });
}

/** A condition: a true/false expression with an optional duration clause (`temp > 80 for >= 5m`). */
export function parseCondition(text: string): Parsed<ConditionTree> {
  return attempt(() => {
    const p = new Parser(tokenize(text));
    const expr = p.or();
    const duration = p.durationClause();
    p.expectEnd(true);
    return duration ? { expr, duration } : { expr };
  });
}

function attempt<T>(run: () => T): Parsed<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof DeriveSyntaxError) return { ok: false, issue: error.issue };
    throw error;
  }
}

const fail = (message: string, span: Span, hint?: string): never => {
  throw new DeriveSyntaxError(issueAt(message, span, hint));
};

const describe = (t: Token): string => {
  switch (t.kind) {
    case 'end':
      return 'the end';
    case 'op':
    case 'name':
      return `"${t.text}"`;
    case 'quoted':
      return `\`${t.text}\``;
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'duration':
      return 'a duration';
  }
};

const isWord = (t: Token, word: string) => t.kind === 'name' && t.text.toLowerCase() === word;

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private get peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private isOp(text: string, t = this.peek): boolean {
    return t.kind === 'op' && t.text === text;
  }

  private expectOp(text: string): Token {
    if (!this.isOp(text)) fail(`expected "${text}"`, this.peek, this.spacedName());
    return this.next();
  }

  /** After `Wind` comes `Speed`: the user wrote a name with a space; say how to quote it. */
  private spacedName(): string | undefined {
    const t = this.peek;
    const before = this.tokens[this.i - 1];
    if (t.kind !== 'name' || !before || before.kind !== 'name' || before.end === t.at) return undefined;
    return `a column name with spaces is written in backticks: \`${before.text} ${t.text}\``;
  }

  expectEnd(condition: boolean): void {
    const t = this.peek;
    if (t.kind === 'end') return;
    if (isWord(t, 'for'))
      fail(
        condition ? 'a second "for"' : 'unexpected "for"',
        t,
        condition ? 'a condition has one "for" clause, at the end' : '"for" belongs to conditions, not derived signals',
      );
    if (this.isOp(')')) fail('unexpected ")"', t, 'no "(" opens it');
    if (t.kind === 'op' && isComparison(t.text as BinaryOp))
      fail(`unexpected "${(t as { text: string }).text}"`, t, 'comparisons do not chain: write a < b and b < c');
    fail(`expected an operator or the end, not ${describe(t)}`, t, this.spacedName());
  }

  durationClause(): ConditionTree['duration'] {
    if (!isWord(this.peek, 'for')) return undefined;
    const at = this.next().at;
    let op: DurationOp = '>=';
    const t = this.peek;
    if (t.kind === 'op' && (t.text === '>=' || t.text === '>' || t.text === '<=' || t.text === '<')) {
      op = t.text;
      this.next();
    }
    const d = this.peek;
    if (d.kind !== 'duration') fail('expected a duration', d, 'after "for" comes how long, like 5m or >= 5m');
    this.next();
    const ms = (d as Extract<Token, { kind: 'duration' }>).ms;
    checkDuration(ms, d);
    return { op, ms, at, end: d.end };
  }

  private nest<T>(at: Span, run: () => T): T {
    if (++this.depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} deep`, at);
    try {
      return run();
    } finally {
      this.depth--;
    }
  }

  or(): Expr {
    return this.nest(this.peek, () => {
      let left = this.and();
      while (isWord(this.peek, 'or')) left = this.binary('or', left, this.next(), this.and());
      return left;
    });
  }

  private and(): Expr {
    let left = this.not();
    while (isWord(this.peek, 'and')) left = this.binary('and', left, this.next(), this.not());
    return left;
  }

  private not(): Expr {
    if (isWord(this.peek, 'not')) {
      const t = this.next();
      return this.nest(t, () => {
        const arg = this.not();
        return { type: 'unary', op: 'not', arg, at: t.at, end: arg.end };
      });
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek;
    if (t.kind === 'op' && isComparison(t.text as BinaryOp)) {
      this.next();
      const expr = this.binary(t.text as BinaryOp, left, t, this.additive());
      const u = this.peek;
      if (u.kind === 'op' && isComparison(u.text as BinaryOp))
        fail(`unexpected "${u.text}"`, u, 'comparisons do not chain: write a < b and b < c');
      return expr;
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next() as Extract<Token, { kind: 'op' }>;
      left = this.binary(t.text as BinaryOp, left, t, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const t = this.next() as Extract<Token, { kind: 'op' }>;
      left = this.binary(t.text as BinaryOp, left, t, this.unary());
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const t = this.next();
      return this.nest(t, () => {
        const arg = this.unary();
        return { type: 'unary', op: '-', arg, at: t.at, end: arg.end };
      });
    }
    if (this.isOp('+')) fail('unexpected "+"', this.peek, 'a number needs no sign');
    return this.power();
  }

  private power(): Expr {
    const base = this.atom();
    if (!this.isOp('^')) return base;
    const t = this.next();
    return this.nest(t, () => this.binary('^', base, t, this.unary()));
  }

  private binary(op: BinaryOp, left: Expr, opToken: Token, right: Expr): Expr {
    return { type: 'binary', op, left, right, opAt: opToken.at, at: left.at, end: right.end };
  }

  private atom(): Expr {
    const t = this.peek;
    switch (t.kind) {
      case 'number':
        this.next();
        return { type: 'number', value: t.value, at: t.at, end: t.end };
      case 'duration':
        this.next();
        checkDuration(t.ms, t);
        return { type: 'duration', ms: t.ms, at: t.at, end: t.end };
      case 'string':
        this.next();
        return { type: 'string', value: t.value, at: t.at, end: t.end };
      case 'quoted':
        this.next();
        return { type: 'column', name: t.text, at: t.at, end: t.end };
      case 'name':
        return this.named(t);
      case 'op':
        if (t.text === '(') {
          this.next();
          const inner = this.nest(t, () => this.or());
          const close = this.expectOp(')');
          // The tree keeps no parentheses: the printer puts back the ones precedence needs.
          return { ...inner, at: t.at, end: close.end } as Expr;
        }
        return fail(`expected an expression, not "${t.text}"`, t);
      case 'end':
        return fail('expected an expression', t);
    }
  }

  private named(t: Extract<Token, { kind: 'name' }>): Expr {
    this.next();
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true', at: t.at, end: t.end };
    if (KEYWORDS.has(word)) fail(`expected an expression, not "${t.text}"`, t, `a column of that name is written \`${t.text}\``);
    if (!this.isOp('(')) return { type: 'column', name: t.text, at: t.at, end: t.end };
    if (!isFunctionName(word)) {
      const near = closest(word, FUNCTION_NAMES);
      fail(`unknown function "${t.text}"`, t, near ? `did you mean ${near}?` : `the functions are ${FUNCTION_NAMES.join(', ')}`);
    }
    const fn = word as keyof typeof FUNCTIONS;
    const open = this.next();
    const args: Expr[] = [];
    this.nest(open, () => {
      if (!this.isOp(')')) {
        args.push(this.or());
        while (this.isOp(',')) {
          this.next();
          args.push(this.or());
        }
      }
    });
    const close = this.expectOp(')');
    const def = FUNCTIONS[fn];
    if (args.length < def.min || args.length > def.max) {
      const count = def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} or ${def.max}`;
      fail(`${fn} takes ${count} argument${count === '1' ? '' : 's'}, not ${args.length}`, { at: t.at, end: close.end }, def.usage);
    }
    return { type: 'call', fn, args, at: t.at, end: close.end };
  }
}

function checkDuration(ms: number, span: Span): void {
  if (ms > MAX_DURATION_MS) fail('a duration longer than 366d', span, 'windows, shifts and holds are at most 366d');
}
