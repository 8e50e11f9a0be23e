import type { LiveHistory, LiveState, LiveValue } from '../../../../src-preload/contract';
import { formatDuration } from '../../lib/format';

/** The state in a line, as the Live panel says it; a retry counts down to `now`. */
export function liveStateText(state: LiveState, intervalMs: number, now: number): string {
  switch (state.state) {
    case 'off':
      return 'Not live. Pick signals and press Start live.';
    case 'live':
      return `Live: new points every ${formatSeconds(intervalMs)}.`;
    case 'paused':
      return state.reason === 'minimised' ? 'Paused while the window is minimised.' : 'Paused while the window is hidden.';
    case 'stopped':
      return 'Stopped. Resume to follow the signals again.';
    case 'retrying': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return `Retrying in ${seconds} s because: ${state.reason}`;
    }
    case 'failed':
      return `Stopped: ${state.error.message}`;
  }
}

/** What the charts' history says, or null once it is in. */
export function historyText(history: LiveHistory | null, minutes: number): string | null {
  if (!history || history.state === 'filled') return null;
  if (history.state === 'filling') return `Filling the charts with the last ${minutes} minutes…`;
  return `The last ${minutes} minutes could not be read (${history.error.message}); the charts show what is polled from now on.`;
}

const formatSeconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

const number = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** A value as the latest-values table shows it, with its unit. */
export function valueText(value: LiveValue, unit: string): string {
  if (value === null) return '–';
  if (typeof value === 'number') return unit ? `${number.format(value)} ${unit}` : number.format(value);
  return String(value);
}

/** How old a point is: `3 s`, `1 min 5 s`; `now` under a second. */
export function ageText(ms: number): string {
  return ms < 1000 ? 'now' : formatDuration(ms);
}
