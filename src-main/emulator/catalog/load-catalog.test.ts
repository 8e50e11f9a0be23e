import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../testing/fixture';
import { findDefaultCatalog } from './find-catalog';
import { loadCatalog } from './load-catalog';

describe('the demo catalog', () => {
  const catalog = demoCatalog();
  const signals = [...catalog.signalsById.values()];

  it('is found above the module and describes a plausible estate', () => {
    expect(findDefaultCatalog()).toMatch(/resources[/\\]demo[/\\]catalog\.json$/);
    expect(catalog.workspaces.length).toBeGreaterThanOrEqual(2);
    for (const ws of catalog.workspaces) {
      expect(ws.assets.length).toBeGreaterThanOrEqual(3);
      expect(ws.assets.flatMap((a) => a.divisions).length).toBeGreaterThanOrEqual(3);
      expect(ws.assets.flatMap((a) => a.divisions.flatMap((d) => d.units)).length).toBeGreaterThanOrEqual(3);
    }
    expect(signals.length).toBeGreaterThanOrEqual(150);
  });

  it('has all four data types, periods from 1 s to 15 min, units and descriptions', () => {
    expect(new Set(signals.map((s) => s.dataType))).toEqual(new Set(['float', 'boolean', 'string', 'json']));
    const periods = signals.map((s) => s.periodMs);
    expect(Math.min(...periods)).toBe(1000);
    expect(Math.max(...periods)).toBe(900_000);
    for (const s of signals.filter((x) => x.dataType === 'float' && !/Factor|Kurtosis|Tap|Power Factor/.test(x.name))) {
      expect(s.physicalUnit, s.name).not.toBe('');
    }
    expect(signals.every((s) => s.description)).toBe(true);
    expect(signals.filter((s) => s.longDescription).length).toBeGreaterThan(50);
  });

  it('holds a unit with at least 50 float signals sampled every second (the benchmark unit)', () => {
    const units = [...catalog.unitsById.values()];
    const best = Math.max(...units.map((u) => u.signals.filter((s) => s.dataType === 'float' && s.periodMs === 1000 && !s.gaps).length));
    expect(best).toBeGreaterThanOrEqual(50);
  });

  it('rejects a catalog with duplicate IDs or sibling names, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-test-'));
    const base = {
      version: 1,
      origin: '2025-01-01T00:00:00Z',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      user: { username: 'u', customerId: 1, customerName: 'c', roles: [] },
    };
    const ws = (id: number, name: string) => ({ id, name, description: null, assets: [] });
    const dupId = join(dir, 'dup-id.json');
    writeFileSync(dupId, JSON.stringify({ ...base, workspaces: [ws(1, 'a'), ws(1, 'b')] }));
    expect(() => loadCatalog(dupId)).toThrow(/Duplicate workspace ID 1/);
    const dupName = join(dir, 'dup-name.json');
    writeFileSync(dupName, JSON.stringify({ ...base, workspaces: [ws(1, 'a'), ws(2, 'a')] }));
    expect(() => loadCatalog(dupName)).toThrow(/Duplicate name "a"/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...base, workspaces: [] }));
    expect(() => loadCatalog(bad)).toThrow(bad);
  });
});
