/*
 * The derive language, shared by the window (errors as the user types) and the main process (the
 * evaluation, src-main/derive). Pure: no Node, no DOM. The language is described in README.md here.
 * Only what crosses out of this folder is here; the parser, printer and checks are reached through
 * `planDerivations`.
 */
export * from './syntax';
export * from './durations';
export * from './functions';
export * from './units';
export { type ValueType, type DeriveColumn } from './check';
export * from './derivations';
export * from './of-request';
