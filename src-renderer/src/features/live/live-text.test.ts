import { describe, expect, it } from 'vitest';
import { ageText, historyText, liveStateText, valueText } from './live-text';

describe('liveStateText', () => {
  it('says each state, and counts a retry down to the second', () => {
    expect(liveStateText({ state: 'live' }, 2_000, 0)).toBe('Live: new points every 2 s.');
    expect(liveStateText({ state: 'live' }, 300, 0)).toBe('Live: new points every 0.3 s.');
    expect(liveStateText({ state: 'paused', reason: 'minimised' }, 2_000, 0)).toBe('Paused while the window is minimised.');
    const retrying = { state: 'retrying' as const, reason: 'Nortech is not available right now (HTTP 503).', retryAt: 10_000, failures: 2 };
    expect(liveStateText(retrying, 2_000, 7_200)).toBe('Retrying in 3 s because: Nortech is not available right now (HTTP 503).');
    expect(liveStateText(retrying, 2_000, 12_000)).toMatch(/^Retrying in 0 s/);
    expect(liveStateText({ state: 'failed', error: { kind: 'unauthorized', message: 'Nortech did not accept the API key.' } }, 1, 0)).toBe(
      'Stopped: Nortech did not accept the API key.',
    );
  });
});

describe('the other texts', () => {
  it('history, values with their unit, ages', () => {
    expect(historyText({ state: 'filled' }, 5)).toBeNull();
    expect(historyText({ state: 'filling' }, 15)).toBe('Filling the charts with the last 15 minutes…');
    expect(historyText({ state: 'failed', error: { kind: 'no-data', message: 'No data' } }, 5)).toMatch(/could not be read \(No data\)/);
    expect([valueText(6.0812345, 'm/s'), valueText(true, ''), valueText(null, 'kW'), valueText(12, '')]).toEqual([
      '6.08123 m/s',
      'true',
      '–',
      '12',
    ]);
    expect([ageText(400), ageText(3_200), ageText(65_000)]).toEqual(['now', '3 s', '1 min 5 s']);
  });
});
