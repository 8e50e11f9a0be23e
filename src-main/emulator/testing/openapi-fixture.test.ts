import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog, repoRoot, startTestEmulator, type TestEmulator } from './fixture';
import { openApi } from './openapi';
import { FIXTURE_FILE, openApiFixture, withoutProse } from './openapi-fixture';

/*
 * The OpenAPI fixture: what the generator keeps and drops, that it is what the document gives, and
 * that the emulator serves every operation in it with the parameters it documents.
 */

describe('openApiFixture', () => {
  const doc = {
    openapi: '3.1.1',
    info: { title: 'T', version: '1', description: 'long prose' },
    paths: {
      '/api/v1/units/{unit}': {
        get: {
          summary: 'Get unit',
          description: 'prose',
          parameters: [{ name: 'unit', in: 'path', required: true, description: 'ID', schema: { type: 'integer', examples: [1] } }],
          responses: {
            '200': {
              description: 'OK',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    description: 'A unit',
                    properties: { description: { type: ['string', 'null'], description: 'its description' }, id: { type: 'integer' } },
                    required: ['id', 'description'],
                    additionalProperties: false,
                    'x-native-type': 'Unit',
                  },
                },
              },
            },
            '404': { description: 'Not Found' },
          },
        },
        put: { responses: { '200': { description: 'OK' } } },
      },
      '/api/v1/derivers': { get: { responses: {} } },
      '/api/v1/live-data/connections': { get: { responses: {} }, post: { responses: {} } },
      '/api/v1/historical-data/sync': { post: { responses: { '200': { description: 'OK' } } } },
      '/api/v1/live-data/points': {
        post: {
          requestBody: { content: { 'application/json': { schema: { type: 'array', minItems: 1, description: 'IDs' } } } },
          responses: { '200': { description: 'OK' } },
        },
      },
    },
  };
  const fixture = openApiFixture(JSON.stringify(doc));

  it('keeps the operations the emulator serves, their parameters and answers, without the prose', () => {
    expect(Object.keys(fixture.operations)).toEqual([
      'GET /api/v1/units/{unit}',
      'POST /api/v1/historical-data/sync',
      'POST /api/v1/live-data/points',
    ]);
    expect(fixture.operations['GET /api/v1/units/{unit}']).toEqual({
      parameters: [{ name: 'unit', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: {
        '200': {
          type: 'object',
          // A property called "description" is a name, not prose: it stays.
          properties: { description: { type: ['string', 'null'] }, id: { type: 'integer' } },
          required: ['id', 'description'],
          additionalProperties: false,
        },
        '404': null,
      },
    });
    // A request body's schema is kept where there is one.
    expect(fixture.operations['POST /api/v1/live-data/points']).toEqual({
      parameters: [],
      requestBody: { type: 'array', minItems: 1 },
      responses: { '200': null },
    });
    expect(fixture.operations['POST /api/v1/historical-data/sync']).not.toHaveProperty('requestBody');
    expect(fixture.source).toEqual({ title: 'T', version: '1', openapi: '3.1.1', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('withoutProse drops nested $schema (which validators refuse below the root) and examples at any depth', () => {
    expect(withoutProse({ anyOf: [{ $schema: 'x', type: 'string', examples: ['a'] }], items: { example: 1, const: 2 } })).toEqual({
      anyOf: [{ type: 'string' }],
      items: { const: 2 },
    });
  });
});

describe('the committed fixture', () => {
  const path = join(repoRoot(), 'src-main/emulator/testing', FIXTURE_FILE);
  // The reference document lives beside the repository where the API was studied; elsewhere the
  // fixture stands on its own and this test checks what it must hold.
  const source = join(repoRoot(), '../shared/reference/nortech-openapi.json');

  it('is what `npm run openapi:fixture` writes from the OpenAPI document (where the document is at hand)', async () => {
    const committed = readFileSync(path, 'utf8');
    if (existsSync(source)) {
      const fresh = openApiFixture(readFileSync(source, 'utf8'));
      const text = await prettier.format(JSON.stringify(fresh), { ...(await prettier.resolveConfig(path)), filepath: path });
      expect(committed).toBe(text);
    }
    const fixture = openApi();
    expect(fixture.source).toMatchObject({ title: 'Nortech API', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(committed).not.toMatch(/"(description|examples|summary)":\s*"/); // no prose survived
  });

  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  const catalog = demoCatalog();
  const signal = [...catalog.signalsById.values()][0]!;
  const unit = signal.unit;
  const division = unit.division;
  const asset = division.asset;
  const ws = asset.workspace;
  // A path of names below a workspace, IDs in the flat by-ID paths.
  const byName = { workspace: ws.name, asset: asset.name, division: division.name, unit: unit.name, signal: signal.name };
  const byId = { workspace: ws.id, asset: asset.id, division: division.id, unit: unit.id, signal: signal.id, requestId: 999_999 };
  const concrete = (template: string) => {
    const names = (template.match(/\{\w+\}/g) ?? []).length > 1;
    return template.replace(/\{(\w+)\}/g, (_, p: string) =>
      encodeURIComponent(String((names ? byName : byId)[p as keyof typeof byName] ?? byId[p as keyof typeof byId])),
    );
  };
  const operations = Object.keys(openApi().operations).map((key) => key.split(' ') as [string, string]);

  it.each(operations)('%s %s is served by the emulator (not its 404 for unknown paths)', async (method, template) => {
    const res = method === 'GET' ? await emu.get(concrete(template)) : await emu.post(concrete(template), {});
    const body = await res.json();
    expect(body).not.toEqual({ status: 'Not Found' });
    expect(Object.keys(openApi().operations[`${method} ${template}`]!.responses)).toContain(String(res.status));
  });

  const lists = operations.filter(
    ([m, t]) => m === 'GET' && openApi().operations[`${m} ${t}`]!.parameters.some((p) => p.name === 'sortBy'),
  );

  it.each(lists)('%s %s takes exactly the documented sortBy values and size bounds', async (_, template) => {
    const params = openApi().operations[`GET ${template}`]!.parameters;
    const sortBy = params.find((p) => p.name === 'sortBy')!.schema as { enum: string[] };
    const size = params.find((p) => p.name === 'size')!.schema as { minimum: number; maximum: number };
    const url = concrete(template);
    for (const key of sortBy.enum) expect((await emu.get(`${url}?sortBy=${key}`)).status, key).toBe(200);
    expect((await emu.get(`${url}?sortBy=colour`)).status).toBe(400);
    expect((await emu.get(`${url}?size=${size.minimum}`)).status).toBe(200);
    expect((await emu.get(`${url}?size=${size.maximum}`)).status).toBe(200);
    expect((await emu.get(`${url}?size=${size.minimum - 1}`)).status).toBe(400);
    expect((await emu.get(`${url}?size=${size.maximum + 1}`)).status).toBe(400);
  });
});
