import { useMemo, useRef, useState } from 'react';
import { LIVE_LIMITS, LIVE_MINUTES, type LiveMinutes, type LiveSignal, type SelectedSignal } from '../../../../src-preload/contract';
import { useElementWidth } from '../../lib/use-element-width';
import { useNow } from '../../lib/use-now';
import { formatReadable } from '../../lib/zoned-time';
import { colorFor } from '../../ui/chart/colors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLive } from './api';
import { LiveChart, type LiveGroup } from './LiveChart';
import { ageText, historyText, liveStateText, valueText } from './live-text';

interface Props {
  /** The signals picked in the selection: what Start live follows. */
  picked: readonly SelectedSignal[];
  connectionId: string;
  /** The zone the user works in: times are shown in it. */
  zone: string;
}

/** Charts per physical unit for floats, a lane per other signal, as the preview groups them. */
function groupsOf(signals: readonly LiveSignal[]): LiveGroup[] {
  const units = new Map<string, string[]>();
  const lanes: LiveGroup[] = [];
  for (const s of signals) {
    if (s.dataType === 'float') units.set(s.physicalUnit, [...(units.get(s.physicalUnit) ?? []), s.column]);
    else lanes.push({ kind: 'steps', key: `steps:${s.column}`, column: s.column });
  }
  return [...[...units].map(([unit, columns]): LiveGroup => ({ kind: 'lines', key: `unit:${unit}`, unit, columns })), ...lanes];
}

const isPolling = (state: string) => state === 'live' || state === 'retrying' || state === 'paused';

/**
 * Live: the picked signals' newest values as they come, on charts that scroll over the last 5, 15
 * or 60 minutes (filled first with that stretch of history), with the last value of each signal
 * and its age, what Live is doing (live, paused, retrying and why), Stop and Resume.
 */
export function LivePanel({ picked, connectionId, zone }: Props) {
  const live = useLive();
  const status = live.status;
  const session = status?.sessionId ? status : null;
  const [chosen, setChosen] = useState<LiveMinutes | null>(null);
  const minutes = chosen ?? status?.minutes ?? 15;
  const boxRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(boxRef);
  const now = useNow(250);
  const state = status?.state ?? { state: 'off' as const };
  const tooMany = picked.length > LIVE_LIMITS.signals;

  const signals = useMemo(() => session?.signals ?? [], [session]);
  const colorIndex = useMemo(() => new Map(signals.map((s, i) => [s.column, i])), [signals]);
  const colorOf = (column: string) => colorFor(colorIndex.get(column) ?? 0);
  const groups = useMemo(() => groupsOf(signals), [signals]);
  // The charts end at the main process's clock of the newest update: each one moves them on.
  const range = session ? { start: session.at - session.minutes * 60_000, end: session.at } : null;
  const start = (m: LiveMinutes) => live.start([...picked], connectionId, m);
  const changeMinutes = (m: LiveMinutes) => {
    setChosen(m);
    // The charts' history is fetched once per session: a longer stretch needs a new one.
    if (session && picked.length > 0 && !tooMany) start(m);
  };
  const following = new Set(signals.map((s) => s.signalId));
  const pickedOther = session && (picked.length !== signals.length || picked.some((s) => !following.has(s.id)));

  return (
    <section className="panel live-panel" role="region" aria-label="Live">
      <h2>Live</h2>
      <div className="live-toolbar">
        <label>
          Charts show the last{' '}
          <select aria-label="Minutes shown" value={minutes} onChange={(e) => changeMinutes(Number(e.target.value) as LiveMinutes)}>
            {LIVE_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </select>
        </label>
        <div className="button-row">
          <button
            type="button"
            className="primary"
            disabled={picked.length === 0 || tooMany || live.pending}
            onClick={() => start(minutes)}
          >
            Start live
          </button>
          <button type="button" disabled={!isPolling(state.state)} onClick={live.stop}>
            Stop
          </button>
          <button type="button" disabled={!session || isPolling(state.state)} onClick={live.resume}>
            Resume
          </button>
        </div>
      </div>
      <p role="status" className={`live-state live-state-${state.state}`} data-testid="live-state">
        {liveStateText(state, status?.intervalMs ?? 2_000, now)}
      </p>
      {tooMany && <p className="muted small">Live follows at most {LIVE_LIMITS.signals} signals: pick fewer.</p>}
      {pickedOther && <p className="muted small">The picked signals changed: Start live again to follow them.</p>}
      {session && historyText(session.history, session.minutes) && (
        <p className="muted small" data-testid="live-history">
          {historyText(session.history, session.minutes)}
        </p>
      )}
      {live.error && <ErrorAlert error={live.error} title="Live could not do that." />}
      {signals.length > 0 && (
        <table className="live-latest" aria-label="Latest values">
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Last value</th>
              <th scope="col">At</th>
              <th scope="col">Age</th>
            </tr>
          </thead>
          <tbody>
            {signals.map((s) => (
              <tr key={s.column} aria-label={s.column}>
                <th scope="row">
                  <span className="swatch" style={{ background: colorOf(s.column) }} aria-hidden="true" /> {s.column}
                </th>
                <td>{s.latest ? valueText(s.latest.value, s.physicalUnit) : 'none yet'}</td>
                <td data-testid="latest-time" data-t={s.latest?.t}>
                  {s.latest ? formatReadable(s.latest.t, zone, { seconds: true }) : '–'}
                </td>
                <td>{s.latest ? ageText(Math.max(0, now - s.latest.t)) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="charts live-charts" ref={boxRef}>
        {range &&
          width > 0 &&
          groups.map((g) => (
            <LiveChart
              key={g.key}
              group={g}
              lines={(g.kind === 'lines' ? g.columns : [g.column]).flatMap((c) => live.lines.line(c, range.start) ?? [])}
              range={range}
              width={width}
              zone={zone}
              colorOf={colorOf}
            />
          ))}
      </div>
      {!session && picked.length === 0 && <p className="empty">Pick signals in the tree, then Start live to follow their newest values.</p>}
    </section>
  );
}
