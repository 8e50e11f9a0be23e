import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog, startTestEmulator, type TestEmulator } from '../../testing/fixture';
import { expectMatchesOpenApi } from '../../testing/openapi';

/*
 * Every metadata route, by name and by ID, against the OpenAPI's response schemas (which forbid
 * extra fields), plus pagination, sorting, 400 and 404.
 */

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const catalog = demoCatalog();
const ws = catalog.workspaces[0]!;
const asset = ws.assets[0]!;
const division = asset.divisions[0]!;
const unit = division.units[0]!;
const signal = unit.signals[0]!;
const enc = encodeURIComponent;
const byName = {
  ws: `/api/v1/workspaces/${enc(ws.name)}`,
  asset: `/api/v1/workspaces/${enc(ws.name)}/assets/${enc(asset.name)}`,
  division: `/api/v1/workspaces/${enc(ws.name)}/assets/${enc(asset.name)}/divisions/${enc(division.name)}`,
  unit: `/api/v1/workspaces/${enc(ws.name)}/assets/${enc(asset.name)}/divisions/${enc(division.name)}/units/${enc(unit.name)}`,
};

// [url, OpenAPI path template, expected ids in the answer (list) or the id (get)]
const routes: [string, string, number[] | number][] = [
  ['/api/v1/workspaces', '/api/v1/workspaces', catalog.workspaces.map((w) => w.id)],
  [byName.ws, '/api/v1/workspaces/{workspace}', ws.id],
  [`/api/v1/workspaces/${ws.id}`, '/api/v1/workspaces/{workspace}', ws.id],
  [`${byName.ws}/assets`, '/api/v1/workspaces/{workspace}/assets', ws.assets.map((a) => a.id)],
  [`/api/v1/workspaces/${ws.id}/assets`, '/api/v1/workspaces/{workspace}/assets', ws.assets.map((a) => a.id)],
  [byName.asset, '/api/v1/workspaces/{workspace}/assets/{asset}', asset.id],
  [`${byName.asset}/divisions`, '/api/v1/workspaces/{workspace}/assets/{asset}/divisions', asset.divisions.map((d) => d.id)],
  [byName.division, '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}', division.id],
  [`${byName.division}/units`, '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}/units', division.units.map((u) => u.id)],
  [byName.unit, '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}/units/{unit}', unit.id],
  [
    `${byName.unit}/signals`,
    '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}/units/{unit}/signals',
    unit.signals.map((s) => s.id),
  ],
  [
    `${byName.unit}/signals/${enc(signal.name)}`,
    '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}/units/{unit}/signals/{signal}',
    signal.id,
  ],
  [
    `/api/v1/workspaces/${ws.id}/divisions`,
    '/api/v1/workspaces/{workspace}/divisions',
    ws.assets.flatMap((a) => a.divisions.map((d) => d.id)),
  ],
  [
    `/api/v1/workspaces/${ws.id}/units`,
    '/api/v1/workspaces/{workspace}/units',
    ws.assets.flatMap((a) => a.divisions.flatMap((d) => d.units.map((u) => u.id))),
  ],
  [`/api/v1/assets/${asset.id}`, '/api/v1/assets/{asset}', asset.id],
  [`/api/v1/assets/${asset.id}/divisions`, '/api/v1/assets/{asset}/divisions', asset.divisions.map((d) => d.id)],
  [`/api/v1/assets/${asset.id}/units`, '/api/v1/assets/{asset}/units', asset.divisions.flatMap((d) => d.units.map((u) => u.id))],
  [
    `/api/v1/assets/${asset.id}/signals`,
    '/api/v1/assets/{asset}/signals',
    asset.divisions.flatMap((d) => d.units.flatMap((u) => u.signals.map((s) => s.id))),
  ],
  [`/api/v1/divisions/${division.id}`, '/api/v1/divisions/{division}', division.id],
  [`/api/v1/divisions/${division.id}/units`, '/api/v1/divisions/{division}/units', division.units.map((u) => u.id)],
  [
    `/api/v1/divisions/${division.id}/signals`,
    '/api/v1/divisions/{division}/signals',
    division.units.flatMap((u) => u.signals.map((s) => s.id)),
  ],
  [`/api/v1/units/${unit.id}`, '/api/v1/units/{unit}', unit.id],
  [`/api/v1/units/${unit.id}/signals`, '/api/v1/units/{unit}/signals', unit.signals.map((s) => s.id)],
  [`/api/v1/signals/${signal.id}`, '/api/v1/signals/{signal}', signal.id],
];

/** Follows `next.href` to the end; returns every item and checks each page. */
async function allPages(url: string, template: string): Promise<{ id: number }[]> {
  const items: { id: number }[] = [];
  let next: string | null = emu.baseUrl + url;
  for (let pages = 0; next && pages < 50; pages++) {
    const res: Response = await emu.get(next.slice(emu.baseUrl.length));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { size: number; data: { id: number }[]; next?: { token: string; href: string } };
    expectMatchesOpenApi('GET', template, 200, body);
    expect(body.size).toBe(body.data.length);
    items.push(...body.data);
    next = body.next?.href ?? null;
  }
  return items;
}

describe('metadata routes', () => {
  it.each(routes)('GET %s', async (url, template, expected) => {
    if (Array.isArray(expected)) {
      const items = await allPages(url, template);
      expect(items.map((i) => i.id)).toEqual([...expected].sort((a, b) => a - b));
    } else {
      const res = await emu.get(url);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { id: number };
      expect(body.id).toBe(expected);
      expectMatchesOpenApi('GET', template, 200, body);
    }
  });

  it('answers a signal with exactly the OpenAPI’s fields (its schemas forbid extras)', async () => {
    const body = (await (await emu.get(`/api/v1/signals/${signal.id}`)).json()) as object;
    expect(Object.keys(body).sort()).toEqual(
      [
        'id',
        'name',
        'createdAt',
        'updatedAt',
        'physicalUnit',
        'dataType',
        'description',
        'longDescription',
        'workspace',
        'asset',
        'division',
        'unit',
      ].sort(),
    );
  });
  it('the schema check is not vacuous: an extra field fails it', async () => {
    const body = (await (await emu.get(`/api/v1/signals/${signal.id}`)).json()) as object;
    expect(() => expectMatchesOpenApi('GET', '/api/v1/signals/{signal}', 200, { ...body, periodMs: 1000 })).toThrow(/additional/);
  });
});

describe('pagination and sorting', () => {
  const url = `/api/v1/workspaces/${ws.id}/signals`;
  const total = ws.assets.flatMap((a) => a.divisions.flatMap((d) => d.units.flatMap((u) => u.signals))).length;

  it('pages by size with next only when more remains, and the pages cover the list once', async () => {
    const first = (await (await emu.get(`${url}?size=7`)).json()) as { size: number; next?: { token: string; href: string } };
    expect(first.size).toBe(7);
    expect(first.next?.href).toContain('size=7');
    const all = await allPages(`${url}?size=40`, '/api/v1/workspaces/{workspace}/signals');
    expect(all).toHaveLength(total);
    expect(new Set(all.map((s) => s.id)).size).toBe(total);
    const exact = (await (await emu.get(`/api/v1/units/${unit.id}/signals?size=${unit.signals.length}`)).json()) as { next?: unknown };
    expect(exact.next).toBeUndefined();
  });

  it('defaults to 100 per page, sorted by ID ascending', async () => {
    const body = (await (await emu.get(url)).json()) as { data: { id: number }[]; next?: unknown };
    expect(body.data).toHaveLength(Math.min(100, total));
    expect(body.data.map((s) => s.id)).toEqual([...body.data.map((s) => s.id)].sort((a, b) => a - b));
    expect(body.next).toBeDefined();
  });

  it('sorts by sortBy and sortOrder, across pages', async () => {
    const names = (await allPages(`${url}?sortBy=name&sortOrder=desc&size=100`, '/api/v1/workspaces/{workspace}/signals')).map(
      (s) => (s as unknown as { name: string }).name,
    );
    expect(names).toEqual([...names].sort().reverse());
  });

  it.each([['size=0'], ['size=101'], ['size=abc'], ['size=1&size=2'], ['sortBy=colour'], ['sortOrder=up'], ['nextToken=garbage']])(
    '400 Validation Error for %s',
    async (query) => {
      const res = await emu.get(`${url}?${query}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body).toMatchObject({ status: 'Validation Error', details: expect.any(String) });
      expectMatchesOpenApi('GET', '/api/v1/workspaces/{workspace}/signals', 400, body);
    },
  );

  it('treats empty values as absent (allowEmptyValue)', async () => {
    const res = await emu.get(`${url}?size=&sortBy=&sortOrder=`);
    expect(res.status).toBe(200);
  });

  it('400 when a token is reused with another sort', async () => {
    const first = (await (await emu.get(`${url}?size=5&sortBy=name`)).json()) as { next: { token: string } };
    const res = await emu.get(`${url}?nextToken=${first.next.token}&sortBy=id`);
    expect(res.status).toBe(400);
  });
});

describe('404 and 400 for unknown names and IDs', () => {
  it.each([
    ['/api/v1/workspaces/Nowhere', 'Workspace not found', '/api/v1/workspaces/{workspace}'],
    ['/api/v1/workspaces/999999', 'Workspace not found', '/api/v1/workspaces/{workspace}'],
    [`${byName.ws}/assets/Nothing`, 'Asset not found', '/api/v1/workspaces/{workspace}/assets/{asset}'],
    [
      `/api/v1/workspaces/Nowhere/assets/${enc(asset.name)}/divisions`,
      'Workspace not found',
      '/api/v1/workspaces/{workspace}/assets/{asset}/divisions',
    ],
    [`${byName.asset}/divisions/Nothing`, 'Division not found', '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}'],
    [
      `${byName.division}/units/Nothing/signals`,
      'Unit not found',
      '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}/units/{unit}/signals',
    ],
    [
      `${byName.unit}/signals/Nothing`,
      'Signal not found',
      '/api/v1/workspaces/{workspace}/assets/{asset}/divisions/{division}/units/{unit}/signals/{signal}',
    ],
    ['/api/v1/workspaces/999/signals', 'Workspace not found', '/api/v1/workspaces/{workspace}/signals'],
    ['/api/v1/assets/1', 'Asset not found', '/api/v1/assets/{asset}'],
    ['/api/v1/assets/1/signals', 'Asset not found', '/api/v1/assets/{asset}/signals'],
    ['/api/v1/divisions/1/units', 'Division not found', '/api/v1/divisions/{division}/units'],
    ['/api/v1/units/1', 'Unit not found', '/api/v1/units/{unit}'],
    [`/api/v1/signals/${unit.id}`, 'Signal not found', '/api/v1/signals/{signal}'],
  ])('GET %s -> 404 %s', async (url, status, template) => {
    const res = await emu.get(url);
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toEqual({ status });
    expectMatchesOpenApi('GET', template, 404, body);
  });

  it.each(['/api/v1/signals/abc', '/api/v1/units/0', '/api/v1/assets/1.5/units', `/api/v1/workspaces/${enc(ws.name)}/signals`])(
    'GET %s -> 400 (an ID path given something else)',
    async (url) => {
      const res = await emu.get(url);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ status: 'Validation Error', details: expect.stringContaining('positive integer') });
    },
  );

  it('takes names only below the first two levels', async () => {
    const res = await emu.get(`/api/v1/workspaces/${ws.id}/assets/${enc(asset.name)}`);
    expect(res.status).toBe(404);
  });
});
