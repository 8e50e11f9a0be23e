/** A file that is not what it claims to be: the export fails with kind `file`. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}
