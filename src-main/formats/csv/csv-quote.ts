/*
 * RFC 4180 quoting, shared by the app's csv and the emulator's: a field is quoted only when it
 * holds the separator, a quote or a line break, or starts or ends with white space (which readers
 * would trim); quotes inside are doubled.
 */

export function csvQuoter(separator: string): (s: string) => string {
  const needsQuote = new RegExp(`[${separator === ';' ? ';' : ','}"\\r\\n]|^\\s|\\s$`);
  return (s) => (needsQuote.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
}

/** A field of a comma-separated file. */
export const csvField = csvQuoter(',');
