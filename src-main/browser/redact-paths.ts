import { homedir, tmpdir } from 'node:os';
import type { Envelope } from '../../src-preload/contract';

/*
 * Browser mode answers over HTTP, where no path of this machine belongs: a Node error's message
 * (`ENOENT: … open '/home/ana/.config/…'`) or one of ours that names a file. Folders of the app are
 * named by what they are (`<data folder>/history.json`); any other path under the home, temp or
 * working folder becomes `…`.
 */

export interface PrivateFolder {
  path: string;
  /** What to write instead, e.g. `<data folder>`; the path below it is kept. */
  label: string;
}

const PATH_TAIL = String.raw`[^\s'"\`<>,;:]*`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const trimmed = (path: string) => path.replace(/[\\/]+$/, '');

export function pathRedactor(folders: PrivateFolder[]): (text: string) => string {
  const named = folders.filter((f) => trimmed(f.path).length > 1).map((f) => ({ ...f, path: trimmed(f.path) }));
  const hidden = [homedir(), tmpdir(), process.cwd()].map(trimmed).filter((p) => p.length > 1);
  const rules = [
    ...named.map((f) => ({ path: f.path, replace: (tail: string) => `${f.label}${tail.replace(/\\/g, '/')}` })),
    ...hidden.map((path) => ({ path, replace: () => '…' })),
  ]
    // The longest first: the cache inside the data folder inside the home folder.
    .sort((a, b) => b.path.length - a.path.length)
    // A whole path only: not `/tmp` inside `https://host/tmp/x` or `/tmpfiles`.
    .map((r) => ({ ...r, pattern: new RegExp(`(?<![\\w:/.-])${escape(r.path)}((?:[\\\\/]${PATH_TAIL})?)(?![^\\\\/\\s'"\`<>,;:)])`, 'g') }));
  return (text) => rules.reduce((out, r) => out.replace(r.pattern, (_m, tail: string) => r.replace(tail)), text);
}

type ErrorLike = { kind: string; message: string; details?: { hint?: string; fields?: { path: string; message: string }[] } };
const isErrorLike = (v: Record<string, unknown>): v is ErrorLike & Record<string, unknown> =>
  typeof v.kind === 'string' && typeof v.message === 'string';

function redactError<E extends ErrorLike>(error: E, redact: (text: string) => string): E {
  const d = error.details;
  const details = d && {
    ...d,
    ...(d.hint !== undefined ? { hint: redact(d.hint) } : {}),
    ...(d.fields ? { fields: d.fields.map((f) => ({ ...f, message: redact(f.message) })) } : {}),
  };
  return { ...error, message: redact(error.message), ...(details ? { details } : {}) };
}

/**
 * A copy of a value in which every error record (`{kind, message, details?}`: a job's or a history
 * entry's error) carries no private path. The rest is the user's own data and passes as it is;
 * arrays of plain values (series, rows) are not walked.
 */
export function redactErrors<T>(value: T, redact: (text: string) => string): T {
  if (Array.isArray(value)) {
    return (value.length === 0 || typeof value[0] !== 'object' ? value : value.map((v: unknown) => redactErrors(v, redact))) as T;
  }
  // Typed arrays (a chart's doubles) hold numbers only: passed as they are, not walked index by index.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    out[key] =
      key === 'error' && v && typeof v === 'object' && isErrorLike(v as Record<string, unknown>)
        ? redactError(v as ErrorLike, redact)
        : redactErrors(v, redact);
  }
  return out as T;
}

/** An envelope whose error, and every error record in its value, carries no private path. */
export function redactEnvelope<T>(answer: Envelope<T>, redact: (text: string) => string): Envelope<T> {
  if (answer.ok) return { ok: true, value: redactErrors(answer.value, redact) };
  return { ok: false, error: redactError(answer.error, redact) };
}
