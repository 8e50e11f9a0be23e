/*
 * A JSON log line as a person reads it on a terminal (`--verbose`): time, level, message, then the
 * fields as key=value. The file keeps the JSON; this is only how stderr shows it.
 */

const OWN = new Set(['level', 'time', 'msg', 'pid']);

const show = (v: unknown) => (typeof v === 'string' ? (/[\s="]/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

export function readableLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    // Not ours to read (pino writes only JSON): shown as it is.
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const fields = Object.entries(entry)
    .filter(([k]) => !OWN.has(k))
    .map(([k, v]) => `${k}=${show(v)}`);
  return `${time} ${String(entry.level ?? '').padEnd(5)} ${String(entry.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}\n`;
}
