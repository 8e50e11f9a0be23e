import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectionHandlers } from './service';
import { testSelectedSignal } from '../../src-preload/contract/testing/signals';

const ctx = { transport: 'ipc' as const };
const signal = testSelectedSignal({
  id: 7,
  description: 'Inlet flow',
  workspace: { id: 1, name: 'Water' },
  asset: { id: 2, name: 'Plant' },
  division: { id: 3, name: 'Inlet' },
  unit: { id: 4, name: 'Pump 1' },
  rename: 'inlet_flow',
});
const draft = {
  name: 'Morning check',
  connectionId: 'demo',
  signals: [signal],
  window: { start: 'now-24h', end: 'now', timeZone: 'Europe/Lisbon' },
  format: 'csv' as const,
};

describe('saved selections', () => {
  let dataDir: string;
  beforeEach(async () => void (dataDir = await mkdtemp(join(tmpdir(), 'se-selections-'))));
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('saves, lists by name, renames and deletes, surviving a restart', async () => {
    const h = selectionHandlers(dataDir, () => 1000);
    const a = await h['selections.save'](draft, ctx);
    await h['selections.save']({ ...draft, name: 'Alarms' }, ctx);
    expect(a).toMatchObject({ ...draft, savedAt: 1000 });
    expect(a.window.start).toBe('now-24h'); // kept as written: stays relative

    const again = selectionHandlers(dataDir); // a new run reads the file
    expect((await again['selections.list'](undefined, ctx)).map((s) => s.name)).toEqual(['Alarms', 'Morning check']);
    await again['selections.rename']({ id: a.id, name: 'Evening check' }, ctx);
    await again['selections.remove']({ id: a.id }, ctx);
    expect((await again['selections.list'](undefined, ctx)).map((s) => s.name)).toEqual(['Alarms']);
  });

  it('replaces a selection saved under the same id', async () => {
    const h = selectionHandlers(dataDir);
    const a = await h['selections.save'](draft, ctx);
    await h['selections.save']({ ...draft, id: a.id, format: 'parquet' }, ctx);
    const list = await h['selections.list'](undefined, ctx);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: a.id, format: 'parquet' });
  });

  it('says not found for a selection that is gone', async () => {
    const h = selectionHandlers(dataDir);
    await expect(h['selections.rename']({ id: 'nope', name: 'x' }, ctx)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(h['selections.remove']({ id: 'nope' }, ctx)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('keeps at most 1,000 selections: a new one past that is refused, a replaced one is not', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...draft, id: `id-${i}`, name: `S${i}`, savedAt: i }));
    await writeFile(join(dataDir, 'selections.json'), JSON.stringify(many));
    const h = selectionHandlers(dataDir);
    await expect(h['selections.save'](draft, ctx)).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/1,000/) });
    await expect(h['selections.save']({ ...draft, id: 'id-5' }, ctx)).resolves.toMatchObject({ id: 'id-5' });
  });
});
