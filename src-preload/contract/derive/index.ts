/*
 * The derive language, shared by the window (errors as the user types) and the main process (the
 * evaluation, src-main/derive). Pure: no Node, no DOM. The language is described in README.md here.
 */
export * from './syntax';
export * from './durations';
export * from './functions';
export * from './units';
export { tokenize, DeriveSyntaxError, type Token } from './lexer';
export { parseExpression, parseCondition, type Parsed } from './parser';
export { printExpression, printCondition, printColumn, printString } from './print';
export {
  checkExpression,
  checkCondition,
  valueTypeOf,
  type ValueType,
  type DeriveColumn,
  type CheckedExpression,
  type Checked,
} from './check';
export * from './derivations';
export * from './of-request';
