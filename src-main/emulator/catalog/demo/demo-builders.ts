import type { z } from 'zod';
import type { catalogFileSchema, floatModelSchema, signalSchema } from '../catalog-schema';

/*
 * Small builders for the demo estate. Entities are written without IDs; assignIds() numbers them
 * afterwards in tree order, so IDs read naturally (parents before children) and each kind has its
 * own range (workspaces 101.., assets 1001.., divisions 2001.., units 3001.., signals 10001..):
 * a unit ID passed where a signal ID belongs finds nothing instead of the wrong thing.
 */

type FileInput = z.input<typeof catalogFileSchema>;
type WorkspaceInput = FileInput['workspaces'][number];
type AssetInput = WorkspaceInput['assets'][number];
type DivisionInput = AssetInput['divisions'][number];
type UnitInput = DivisionInput['units'][number];
type SignalInput = z.input<typeof signalSchema>;
type FloatModelInput = z.input<typeof floatModelSchema>;

export type DemoSignal = Omit<SignalInput, 'id'>;
export type DemoUnit = Omit<UnitInput, 'id' | 'signals'> & { signals: DemoSignal[] };
export type DemoDivision = Omit<DivisionInput, 'id' | 'units'> & { units: DemoUnit[] };
export type DemoAsset = Omit<AssetInput, 'id' | 'divisions'> & { divisions: DemoDivision[] };
export type DemoWorkspace = Omit<WorkspaceInput, 'id' | 'assets'> & { assets: DemoAsset[] };
export type FloatShape = Omit<FloatModelInput, 'type'>;

/** Optional signal fields: gaps, activeFrom, activeUntil. */
type Extra = Pick<SignalInput, 'gaps' | 'activeFrom' | 'activeUntil'>;

interface Texts {
  name: string;
  description: string | null;
  longDescription: string | null;
}

export function float(t: Texts, physicalUnit: string, periodS: number, shape: FloatShape, extra: Extra = {}): DemoSignal {
  return { ...t, physicalUnit, dataType: 'float', periodS, ...extra, model: { type: 'float', ...shape } };
}

export function bool(t: Texts, periodS: number, slotS: number, pTrue: number, extra: Extra & { seed?: number } = {}): DemoSignal {
  const { seed, ...rest } = extra;
  return { ...t, physicalUnit: '', dataType: 'boolean', periodS, ...rest, model: { type: 'boolean', seed, slotS, pTrue } };
}

export function states(t: Texts, periodS: number, slotS: number, values: string[], weights?: number[], extra: Extra = {}): DemoSignal {
  return { ...t, physicalUnit: '', dataType: 'string', periodS, ...extra, model: { type: 'string', slotS, states: values, weights } };
}

type JsonFields = Extract<SignalInput['model'], { type: 'json' }>['fields'];

export function json(t: Texts, periodS: number, fields: JsonFields, extra: Extra = {}): DemoSignal {
  return { ...t, physicalUnit: '', dataType: 'json', periodS, ...extra, model: { type: 'json', slotS: periodS, fields } };
}

/** Shorthand for texts: name, description, long description. */
export function txt(name: string, description: string | null, longDescription: string | null = null): Texts {
  return { name, description, longDescription };
}

export function assignIds(workspaces: DemoWorkspace[]): WorkspaceInput[] {
  const next = { w: 101, a: 1001, d: 2001, u: 3001, s: 10001 };
  return workspaces.map((w) => ({
    ...w,
    id: next.w++,
    assets: w.assets.map((a) => ({
      ...a,
      id: next.a++,
      divisions: a.divisions.map((d) => ({
        ...d,
        id: next.d++,
        units: d.units.map((u) => ({
          ...u,
          id: next.u++,
          signals: u.signals.map((s) => ({ id: next.s++, ...s })),
        })),
      })),
    })),
  }));
}
