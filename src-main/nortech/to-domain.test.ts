import { describe, expect, it } from 'vitest';
import { Signal } from '../../src-preload/contract';
import { errorFromResponse } from './api-errors';
import { toSignal } from './to-domain';

const wire = {
  id: 1,
  name: 'Flow',
  physicalUnit: 'm³/h',
  dataType: 'float' as const,
  description: 'd'.repeat(100_000),
  longDescription: 'l'.repeat(100_000),
  workspace: { id: 1, name: 'W' },
  asset: { id: 2, name: 'A' },
  division: { id: 3, name: 'D' },
  unit: { id: 4, name: 'U' },
};

describe('what Nortech sends, as the app keeps it', () => {
  it('a very long description is cut to what the contract stores, so the signal can still be chosen', () => {
    const signal = toSignal(wire);
    expect(Signal.safeParse(signal).success).toBe(true);
    expect(signal.description.endsWith('…')).toBe(true);
  });

  it("an API's error texts are cut too: they are shown, and kept in History", () => {
    const fields = Array.from({ length: 10_000 }, () => ({ error: 'e'.repeat(10_000), location: 'body' }));
    const error = errorFromResponse(400, { status: 'Validation Error', errors: fields }, 'prepare the data');
    expect(JSON.stringify(error.toData()).length).toBeLessThan(20_000);
    const missing = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const notFound = errorFromResponse(404, { status: 'Signals not found', details: { signals: missing } }, 'prepare the data');
    expect(JSON.stringify(notFound.toData()).length).toBeLessThan(20_000);
  });
});
