import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { SelectedSignal } from '../exports';
import { testSelectedSignal } from '../testing/signals';
import { valueTypeOf } from './check';
import { addDerivationIssues, Condition, DerivedSignal, Derivations, planDerivations } from './derivations';

describe('what crosses the bridge', () => {
  it('a derived signal: a column name, an expression, maybe a unit', () => {
    expect(DerivedSignal.parse({ name: ' Temp F ', expression: ' convert(temp, "degC", "degF") ' })).toEqual({
      name: 'Temp F',
      expression: 'convert(temp, "degC", "degF")',
    });
    expect(DerivedSignal.safeParse({ name: 'timestamp', expression: 'x' }).error?.issues[0]?.message).toBe(
      '"timestamp" is the time column',
    );
    expect(DerivedSignal.safeParse({ name: 'a', expression: '  ' }).error?.issues[0]?.message).toBe('Write an expression');
    expect(DerivedSignal.safeParse({ name: 'a', expression: 'x'.repeat(1001) }).error?.issues[0]?.message).toBe('At most 1000 characters');
    expect(DerivedSignal.safeParse({ name: 'a', expression: 'x +\n1' }).error?.issues[0]?.message).toBe(
      'No line breaks, tabs or other control characters',
    );
  });

  it('a condition: a name, an expression, maybe the signal its periods give statistics of', () => {
    expect(Condition.parse({ name: 'Hot', expression: 'temp > 80 for >= 5m', statsOf: 'temp' })).toMatchObject({ statsOf: 'temp' });
    expect(Condition.safeParse({ name: '', expression: 'x' }).success).toBe(false);
    expect(Derivations.parse({})).toEqual({ derived: [], conditions: [] });
  });

  it('a request can refuse what does not check, on the field that is wrong', () => {
    // How ExportRequest will carry them: the selection's columns from its signals.
    const Request = z.object({ signals: z.array(SelectedSignal), derivations: Derivations }).superRefine((req, ctx) => {
      const columns = req.signals.map((s) => ({ name: s.rename, type: valueTypeOf(s.dataType), unit: s.physicalUnit }));
      const r = planDerivations(columns, req.derivations);
      if (!r.ok) addDerivationIssues(ctx, r.issues, ['derivations']);
    });
    const signals = [testSelectedSignal({ name: 'T', physicalUnit: '°C', rename: 'temp' })];
    expect(
      Request.safeParse({ signals, derivations: { derived: [{ name: 'f', expression: 'convert(temp, "degC", "degF")' }] } }).success,
    ).toBe(true);
    const bad = Request.safeParse({ signals, derivations: { derived: [{ name: 'f', expression: 'rolling_mean(tmp, 10m)' }] } });
    expect(bad.error?.issues).toEqual([
      expect.objectContaining({
        path: ['derivations', 'derived', 0, 'expression'],
        message: 'unknown column "tmp" at position 13: did you mean temp?',
      }),
    ]);
  });
});
