/** What a DecodeError can say besides its message, for whoever reports it. */
export interface DecodeDetails {
  /** The 1-based line of a text file it is on (where its row starts). */
  line?: number;
  /** The file's column it is about, as the file names it. */
  column?: string;
  /** That column's type as the file declares it (parquet: `INT32 (DATE)`, `FIXED_LEN_BYTE_ARRAY(16) (UUID)`). */
  columnType?: string;
  /**
   * The file is sound, but holds what Signal Explorer cannot map (a type, a nested column): asking
   * again gets the same file, and it is worth keeping for a bug report.
   */
  unsupported?: boolean;
}

/** A file that cannot be read as what it claims to be: the export fails with kind `file`. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    message: string,
    readonly details: DecodeDetails = {},
  ) {
    super(message);
  }
}

/** A cell's text for a message: quoted, and cut when long. */
export const quoteValue = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
