/*
 * What keeps secrets out of the log: values, not only known field names. A key inside an error's
 * message, a signed URL in a reason, a token in a header dump are all found in the written text.
 * Three layers, applied to every line:
 * - the secrets themselves, told by whoever holds one (`hide`): API keys as they are read or used,
 *   the browser host's token, the embedded demo API's key; matched as written, JSON-escaped (once,
 *   and twice for JSON quoted in a message) and URL-encoded;
 * - the forms a secret takes wherever it comes from: `Bearer …`, `user:password@` in a URL, the
 *   whole query string of any http(s) URL (a signed file URL's signature, the host's `?token=`),
 *   `token=…`/`X-Amz-Signature=…` parameters of a relative URL, `apiKey: …`/`"password":"…"`;
 * - fields named like a secret (apiKey, authorization, token…), whatever their value's shape.
 */

export const REDACTED = '[redacted]';

/** Shorter values are not hidden by value (a 3-letter key would blank every word that holds it): their forms still are. */
export const MIN_HIDDEN_LENGTH = 6;
/** A bound on the secrets kept: a run sees a few keys and one token. */
const MAX_HIDDEN = 1000;

const SECRET_NAME = String.raw`(?:api[_-]?key|secret[_-]?access[_-]?key|x-api-key|authorization|proxy-authorization|password|passwd|secret|access[_-]?token|refresh[_-]?token|token|cookie|signature|sig)`;
/** A field named like a secret, also as the end of a longer name (`clientSecret`, `x-amz-signature`). */
const SECRET_FIELD = new RegExp(`${SECRET_NAME}$`, 'i');

const FORMS: [RegExp, string][] = [
  // user:password@host in a URL.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@"'\\<>]+@/gi, `$1${REDACTED}@`],
  // The whole query of an absolute URL: a signed download's signature, the host's token.
  [/(\bhttps?:\/\/[^\s"'<>\\?#]*)\?[^\s"'<>\\#]*/gi, `$1?${REDACTED}`],
  // Secret-named parameters of a relative URL or a form body.
  [/([?&](?:token|access_token|api_?key|key|sig|signature|x-amz-[a-z-]+|x-goog-[a-z-]+)=)[^&\s"'<>\\#]+/gi, `$1${REDACTED}`],
  // A bearer credential anywhere.
  [/\bbearer\s+[^\s"'\\,;<>]+/gi, `Bearer ${REDACTED}`],
  // `apiKey=…`, `authorization: …`, `"password":"…"` (also JSON inside a JSON string, `\"token\":\"…\"`).
  // A JSON number or boolean (`"token":12`) is no secret and is left, which keeps the line valid JSON.
  [new RegExp(String.raw`(${SECRET_NAME}\\?"?\s*(?:=|:\s*\\?"|:\s+)\s*)(?:bearer\s+)?[^\s"'\\,;&<>]+`, 'gi'), `$1${REDACTED}`],
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Redactor {
  hide(secret: string): void;
  /** The text with every secret, and every form of one, replaced by `[redacted]`. */
  text(text: string): string;
  /** A copy of a line's fields with secret-named fields blanked and errors as plain records. */
  fields(fields: Record<string, unknown>): Record<string, unknown>;
}

export function createRedactor(): Redactor {
  const hidden = new Set<string>();
  let pattern: RegExp | null = null;

  const rebuild = () => {
    const forms = new Set<string>();
    for (const s of hidden) {
      // A raw form with a quote or backslash cannot stand inside a JSON line: only its escaped form can.
      if (!/["\\]/.test(s)) forms.add(s);
      const escaped = JSON.stringify(s).slice(1, -1);
      forms.add(escaped);
      // Escaped twice: a JSON body quoted in a message.
      forms.add(JSON.stringify(escaped).slice(1, -1));
      forms.add(encodeURIComponent(s));
    }
    // The longest first, so that a key holding another is replaced whole.
    const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : null;
  };

  return {
    hide(secret) {
      const s = secret.trim();
      if (s.length < MIN_HIDDEN_LENGTH || hidden.has(s)) return;
      if (hidden.size >= MAX_HIDDEN) hidden.delete(hidden.values().next().value!);
      hidden.add(s);
      rebuild();
    },
    text(text) {
      let out = pattern ? text.replace(pattern, REDACTED) : text;
      for (const [form, replacement] of FORMS) out = out.replace(form, replacement);
      return out;
    },
    fields: (fields) => plain(fields, 0) as Record<string, unknown>,
  };
}

const MAX_DEPTH = 6;

/** An error as a record: what a bug report needs (type, message, stack, an AppError's kind and details, its cause). */
export function errorRecord(error: Error, depth = 0): Record<string, unknown> {
  const own = Object.fromEntries(Object.entries(error).filter(([k]) => !['cause', 'name', 'message', 'stack'].includes(k)));
  return {
    type: error.name,
    message: error.message,
    ...(plain(own, depth + 1) as Record<string, unknown>),
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error.cause !== undefined && depth < MAX_DEPTH ? { cause: plain(error.cause, depth + 1) } : {}),
  };
}

function plain(value: unknown, depth: number): unknown {
  if (value instanceof Error) return errorRecord(value, depth);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => plain(v, depth + 1));
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} of ${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // A number or a flag under such a name (`nextToken: 12`, `hasKey`) says nothing secret.
    out[key] = SECRET_FIELD.test(key) && (typeof v === 'string' || (typeof v === 'object' && v !== null)) ? REDACTED : plain(v, depth + 1);
  }
  return out;
}
