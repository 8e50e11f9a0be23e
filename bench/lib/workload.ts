import { DEMO_CONNECTION_ID, type ExportRequest, type Format, type SelectedSignal } from '../../src-preload/contract';
import { findDefaultCatalog, loadCatalog, type CatalogSignal } from '../../src-main/emulator';

/*
 * What the bench asks for: the sizes over the demo catalog's drivetrain CMS unit (56 float
 * signals sampled every second, no gaps), so a window of N seconds is N rows. Signals are requested
 * by ID with their ID as column name, as the window does by default.
 */

export type SizeName = 'S' | 'M' | 'L' | 'XL';
export const SIZES: Record<SizeName, { signals: number; rows: number }> = {
  S: { signals: 10, rows: 86_400 },
  // Between S and L: 3.5 days, one chunk after the probe (its 1 % zoom, 3 rows a pixel column, reads the rows).
  M: { signals: 10, rows: 300_000 },
  L: { signals: 10, rows: 1_000_000 },
  XL: { signals: 50, rows: 1_000_000 },
};
export const FORMATS: Format[] = ['parquet', 'csv', 'json'];

/** A fixed start well inside the demo data (which runs from 2025-01-01 until now). */
export const WINDOW_START_MS = Date.parse('2025-02-01T00:00:00Z');
const CMS_UNIT = 'CMS WTG-A01';

const catalog = loadCatalog(findDefaultCatalog());

function selected(s: CatalogSignal): SelectedSignal {
  const u = s.unit;
  const d = u.division;
  const a = d.asset;
  const w = a.workspace;
  return {
    id: s.id,
    name: s.name,
    physicalUnit: s.physicalUnit,
    dataType: s.dataType,
    description: s.description ?? '',
    longDescription: s.longDescription ?? '',
    workspace: { id: w.id, name: w.name },
    asset: { id: a.id, name: a.name },
    division: { id: d.id, name: d.name },
    unit: { id: u.id, name: u.name },
    rename: String(s.id),
  };
}

const isDense1s = (s: CatalogSignal) => s.dataType === 'float' && s.periodMs === 1000 && !s.gaps;

export function cmsSignals(count: number): SelectedSignal[] {
  const all = [...catalog.signalsById.values()].filter((s) => s.unit.name === CMS_UNIT && isDense1s(s));
  if (all.length < count)
    throw new Error(`The demo catalog's ${CMS_UNIT} has ${all.length} dense float signals; the bench needs ${count}.`);
  return all.slice(0, count).map(selected);
}

/**
 * Ten dense 1 s float signals with ten different physical units: the window draws one chart per
 * unit, so this preview is ten charts (the renderer case's "all ten").
 */
export function tenChartSignals(): SelectedSignal[] {
  const byUnit = new Map<string, CatalogSignal>();
  for (const s of catalog.signalsById.values()) if (isDense1s(s) && !byUnit.has(s.physicalUnit)) byUnit.set(s.physicalUnit, s);
  const picked = [...byUnit.values()].slice(0, 10);
  if (picked.length < 10) throw new Error(`The demo catalog has only ${picked.length} physical units among dense 1 s float signals.`);
  return picked.map(selected);
}

export function windowOf(rows: number): { start: string; end: string } {
  // The API's window is [start, end): one row per second.
  return { start: new Date(WINDOW_START_MS).toISOString(), end: new Date(WINDOW_START_MS + rows * 1000).toISOString() };
}

export function exportRequest(size: SizeName, format: Format): ExportRequest {
  const { signals, rows } = SIZES[size];
  return { connectionId: DEMO_CONNECTION_ID, signals: cmsSignals(signals), timeWindow: windowOf(rows), format, values: { kind: 'raw' } };
}
