import { createHash } from 'node:crypto';

/*
 * The part of Nortech's OpenAPI the emulator's conformance tests need, kept in the repository
 * (nortech-openapi.fixture.json) so they run on any clone: for each operation the emulator serves,
 * its parameters and the JSON schema of each documented answer by status, without the prose
 * (descriptions, examples, summaries), and the schema of its request body where it takes one.
 * `npm run openapi:fixture` writes it from the document.
 */

export const FIXTURE_FILE = 'nortech-openapi.fixture.json';

export interface FixtureParameter {
  name: string;
  in: string;
  required?: boolean;
  allowEmptyValue?: boolean;
  schema?: unknown;
}

export interface FixtureOperation {
  parameters: FixtureParameter[];
  /** The JSON schema of the request body, where the operation takes one (data requests, live points). */
  requestBody?: unknown;
  /** By status code: the JSON schema of the answer, or null when it has no JSON body. */
  responses: Record<string, unknown>;
}

export interface OpenApiFixture {
  generatedBy: string;
  /** The document it comes from: title and version, and the SHA-256 of its bytes. */
  source: { title: string; version: string; openapi: string; sha256: string };
  /** Keyed `GET /api/v1/signals/{signal}`. */
  operations: Record<string, FixtureOperation>;
}

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { parameters?: Record<string, unknown>[]; requestBody?: Response; responses?: Record<string, Response> }>
  >;
};
type Response = { content?: Record<string, { schema?: unknown }> };

/**
 * What the emulator serves: every read (but MQTT live-data connections and derivers), the two data
 * requests and the live points.
 */
export function servedByEmulator(method: string, path: string): boolean {
  if (method === 'get') return !/^\/api\/v1\/(live-data|derivers)(\/|$)/.test(path);
  return method === 'post' && /^\/api\/v1\/(historical-data\/(sync|async)|live-data\/points)$/.test(path);
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The fixture for a document's text (hashed as given). */
export function openApiFixture(documentText: string): OpenApiFixture {
  const doc = JSON.parse(documentText) as Doc;
  const operations: Record<string, FixtureOperation> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op || !servedByEmulator(method, path)) continue;
      const body = op.requestBody?.content?.['application/json']?.schema;
      operations[`${method.toUpperCase()} ${path}`] = {
        parameters: (op.parameters ?? []).map(parameter),
        ...(body !== undefined ? { requestBody: withoutProse(body) } : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([status, r]) => [status, withoutProse(r.content?.['application/json']?.schema ?? null)]),
        ),
      };
    }
  }
  return {
    generatedBy: 'npm run openapi:fixture (do not edit)',
    source: {
      title: doc.info.title,
      version: doc.info.version,
      openapi: doc.openapi,
      sha256: createHash('sha256').update(documentText).digest('hex'),
    },
    operations,
  };
}

function parameter(p: Record<string, unknown>): FixtureParameter {
  const out: FixtureParameter = { name: String(p.name), in: String(p.in) };
  if (p.required !== undefined) out.required = Boolean(p.required);
  if (p.allowEmptyValue !== undefined) out.allowEmptyValue = Boolean(p.allowEmptyValue);
  if (p.schema !== undefined) out.schema = withoutProse(p.schema);
  return out;
}

// Keywords for people, not validators. "$schema" is dropped too: the document nests it inside
// sub-schemas, which a validator rejects below the root.
const PROSE = new Set(['description', 'examples', 'example', 'title', 'summary', '$comment', '$schema']);
// Keywords whose value maps names (which may well be "description") to schemas.
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** A JSON schema without its prose, names of properties kept whatever they are. */
export function withoutProse(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutProse);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (PROSE.has(key) || key.startsWith('x-')) continue;
    out[key] = NAME_MAPS.has(key) && value && typeof value === 'object' ? mapValues(value, withoutProse) : withoutProse(value);
  }
  return out;
}

const mapValues = (o: object, f: (v: unknown) => unknown) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
