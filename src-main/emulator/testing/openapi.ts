import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { OPENAPI_PATH } from './fixture';

/*
 * Validates answers against Nortech's published OpenAPI (../shared/reference/nortech-openapi.json):
 * the response schema of (method, path template, status). Tests skip when the file is absent.
 */

export const openApiAvailable = existsSync(OPENAPI_PATH);
export const OPENAPI_MISSING_REASON = `OpenAPI document not found at ${OPENAPI_PATH}`;

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

let doc: Doc | null = null;
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
addFormats(ajv);
const cache = new Map<string, ValidateFunction>();

/** The validator for one documented answer. Throws if the OpenAPI does not document it. */
export function responseValidator(method: string, pathTemplate: string, status: number): ValidateFunction {
  const id = `${method} ${pathTemplate} ${status}`;
  let validate = cache.get(id);
  if (!validate) {
    doc ??= JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Doc;
    const schema = doc.paths[pathTemplate]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`The OpenAPI documents no JSON answer for ${id}`);
    validate = ajv.compile(withoutNestedSchemaKeys(schema) as object);
    cache.set(id, validate);
  }
  return validate;
}

/** Asserts `body` matches the documented answer; the error lists ajv's complaints. */
export function expectMatchesOpenApi(method: string, pathTemplate: string, status: number, body: unknown): void {
  const validate = responseValidator(method, pathTemplate, status);
  if (!validate(body)) {
    throw new Error(
      `${method} ${pathTemplate} ${status} does not match the OpenAPI: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
    );
  }
}

// The document embeds "$schema" inside sub-schemas, which ajv rejects below the root.
function withoutNestedSchemaKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNestedSchemaKeys);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== '$schema')
        .map(([k, v]) => [k, withoutNestedSchemaKeys(v)]),
    );
  }
  return node;
}
