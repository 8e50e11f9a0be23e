import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { FIXTURE_FILE, type FixtureOperation, type OpenApiFixture } from './openapi-fixture';

/*
 * Validates answers against Nortech's published OpenAPI, through the fixture generated from it
 * (nortech-openapi.fixture.json, `npm run openapi:fixture`): the response schema of (method, path
 * template, status). The fixture is in the repository, so these checks run on every clone.
 */

let fixture: OpenApiFixture | null = null;
/** The committed fixture. */
export function openApi(): OpenApiFixture {
  return (fixture ??= JSON.parse(readFileSync(new URL(FIXTURE_FILE, import.meta.url), 'utf8')) as OpenApiFixture);
}

/** The documented operation; throws if the OpenAPI (as the fixture keeps it) has no such operation. */
export function operation(method: string, pathTemplate: string): FixtureOperation {
  const op = openApi().operations[`${method.toUpperCase()} ${pathTemplate}`];
  if (!op) throw new Error(`The OpenAPI fixture has no operation ${method.toUpperCase()} ${pathTemplate}`);
  return op;
}

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
    const schema = operation(method, pathTemplate).responses[String(status)];
    if (!schema) throw new Error(`The OpenAPI documents no JSON answer for ${id}`);
    validate = ajv.compile(schema as object);
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

/** Whether `body` is a request body the OpenAPI documents for the operation (ajv's complaints, or null when it is). */
export function requestBodyProblems(method: string, pathTemplate: string, body: unknown): string | null {
  const id = `${method} ${pathTemplate} request`;
  let validate = cache.get(id);
  if (!validate) {
    const schema = operation(method, pathTemplate).requestBody;
    if (!schema) throw new Error(`The OpenAPI documents no JSON request body for ${method} ${pathTemplate}`);
    validate = ajv.compile(schema as object);
    cache.set(id, validate);
  }
  return validate(body) ? null : ajv.errorsText(validate.errors);
}
