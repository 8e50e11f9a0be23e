import type { DataType, LatestPoint, LiveValue, SelectedSignal, Signal } from '../../src-preload/contract';
import { clipText, LIMITS } from '../../src-preload/contract/bounds';
import type { WireDataRequest, WireLivePoints, WireSignal, WireSignals } from './wire';

/**
 * A wire signal as the app's domain type: missing descriptions become empty text, and very long
 * ones are cut to what the contract keeps (selections and History store them).
 */
export function toSignal(w: WireSignal): Signal {
  return {
    id: w.id,
    name: w.name,
    physicalUnit: w.physicalUnit,
    dataType: w.dataType,
    description: clipText(w.description ?? '', LIMITS.description),
    longDescription: clipText(w.longDescription ?? '', LIMITS.longDescription),
    workspace: w.workspace,
    asset: w.asset,
    division: w.division,
    unit: w.unit,
  };
}

/** `Workspace/Asset/Division/Unit/Signal`. */
export const signalPath = (s: Signal) => [s.workspace.name, s.asset.name, s.division.name, s.unit.name, s.name].join('/');

/** The column the API gives a signal when it is requested by ID. */
export const defaultColumn = (s: Signal) => String(s.id);

/**
 * The `signals` of a data request. By ID when every column keeps its default name (the ID);
 * otherwise by path with `rename`, since only that form lets the caller name the columns and the
 * API never mixes the two.
 */
export function toWireSignals(signals: SelectedSignal[]): WireSignals {
  if (signals.every((s) => s.rename === defaultColumn(s))) return signals.map((s) => s.id);
  return signals.map((s) => ({
    workspace: s.workspace.name,
    asset: s.asset.name,
    division: s.division.name,
    unit: s.unit.name,
    signal: s.name,
    rename: s.rename,
  }));
}

export function toWireRequest(req: {
  signals: SelectedSignal[];
  timeWindow: { start: string; end: string };
  format: WireDataRequest['format'];
}): WireDataRequest {
  return {
    signals: toWireSignals(req.signals),
    timeWindow: { start: new Date(req.timeWindow.start).toISOString(), end: new Date(req.timeWindow.end).toISOString() },
    format: req.format,
  };
}

/**
 * The live answer as the newest point of each signal asked for (by ID), in the form the history
 * files give values: a json signal's object becomes its JSON text, as in a file. A value of
 * another type than the signal's is no value (null); keys we did not ask for are ignored.
 */
export function toLatestPoints(answer: WireLivePoints, signals: readonly { id: number; dataType: DataType }[]): LatestPoint[] {
  const out: LatestPoint[] = [];
  for (const s of signals) {
    const point = Object.hasOwn(answer, String(s.id)) ? answer[String(s.id)] : undefined;
    if (!point) continue;
    out.push({ signalId: s.id, t: Date.parse(point.timestamp), value: liveValue(s.dataType, point.value) });
  }
  return out;
}

function liveValue(dataType: DataType, value: WireLivePoints[string]['value']): LiveValue {
  if (value === null) return null;
  switch (dataType) {
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
