/** A file that cannot be read as what it claims to be: the export fails with kind `file`. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** A cell's text for a message: quoted, and cut when long. */
export const quoteValue = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
