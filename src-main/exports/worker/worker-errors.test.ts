import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../formats/decode-error';
import { WorkerFailure } from './worker-protocol';
import { fromFailure, toFailure } from './worker-errors';

/* A DecodeError crosses the worker's postMessage (through its zod schema) with its details kept. */
const across = (error: unknown) => fromFailure(WorkerFailure.parse(structuredClone(toFailure(error))));

describe('errors from the export worker', () => {
  it('keeps where a damaged file is wrong, and says it may be tried again', () => {
    const error = across(new DecodeError('line 12: "x" is not a number', { line: 12, column: 'Wind Speed' }));
    expect(error.kind).toBe('file');
    expect(error.details).toMatchObject({ line: 12, column: 'Wind Speed', retryable: true, during: 'decode' });
  });

  it('marks a sound file of an unsupported type as not worth asking again, naming the column and type', () => {
    const error = across(
      new DecodeError('column "geo" has a type we cannot map', { column: 'geo', columnType: 'BYTE_ARRAY (JSON)', unsupported: true }),
    );
    expect(error.message).toMatch(/cannot read: column "geo"/);
    expect(error.details).toMatchObject({ column: 'geo', columnType: 'BYTE_ARRAY (JSON)', unsupported: true, retryable: false });
    expect(error.details?.hint).toMatch(/kept/);
  });
});
