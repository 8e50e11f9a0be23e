import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../nortech/testing/scripted-server';
import { createCatalogService } from './catalog-service';

let server: ScriptedServer;
beforeAll(async () => void (server = await startScriptedServer({ status: 200, json: {} })));
afterAll(() => server.close());

const sig = (id: number, name: string, physicalUnit: string, description: string | null) => ({
  id,
  name,
  physicalUnit,
  dataType: 'float',
  description,
  longDescription: null,
  workspace: { id: 7, name: 'W' },
  asset: { id: 2, name: 'A' },
  division: { id: 3, name: 'D' },
  unit: { id: 4, name: 'U' },
});

describe('catalog search', () => {
  it('lists every page once, then filters from the cache until it expires', async () => {
    server.script(
      {
        status: 200,
        json: { size: 2, data: [sig(1, 'Flow', 'm³/h', 'Raw water'), sig(2, 'Level', 'm', null)], next: { token: 'p2', href: 'x' } },
      },
      { status: 200, json: { size: 1, data: [sig(3, 'Pressure', 'bar', 'Discharge flow pressure')] } },
    );
    let clock = 0;
    const catalog = createCatalogService({
      connections: { target: async () => ({ apiUrl: server.url, apiKey: 'k' }) },
      version: 't',
      now: () => clock,
    });
    expect((await catalog.search('c', 7, 'flow', 10)).items.map((s) => s.id)).toEqual([1, 3]);
    expect((await catalog.search('c', 7, 'BAR', 10)).items.map((s) => s.id)).toEqual([3]);
    expect(await catalog.search('c', 7, 'e', 1)).toMatchObject({ total: 3, items: [{ id: 1 }] });
    expect(server.requests).toHaveLength(2);
    expect(server.requests.every((r) => r.url.startsWith('/api/v1/workspaces/7/signals'))).toBe(true);
    clock += 10 * 60_000;
    await catalog.search('c', 7, 'flow', 10);
    expect(server.requests.length).toBeGreaterThan(2);
  });

  it('builds tree nodes with their paths', async () => {
    server.script({ status: 200, json: { size: 1, data: [sig(9, 'Temp', '°C', 'Oil')] } });
    const catalog = createCatalogService({ connections: { target: async () => ({ apiUrl: server.url, apiKey: 'k' }) }, version: 't' });
    const [node] = await catalog.children('c', ['W', 'A', 'D', 'U']);
    expect(node).toMatchObject({
      level: 'signal',
      id: 9,
      path: ['W', 'A', 'D', 'U', 'Temp'],
      description: 'Oil',
      signal: { id: 9, longDescription: '' },
    });
  });
});
