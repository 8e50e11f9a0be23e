/*
 * `npm run openapi:fixture [-- --from <openapi.json>] [-- --check]`: writes the emulator's OpenAPI
 * test fixture (src-main/emulator/testing/nortech-openapi.fixture.json) from Nortech's OpenAPI
 * document, by default the reference copy beside the repository (../shared/reference/). Run it
 * when that document changes, and commit the fixture. --check only says whether the committed
 * fixture is what the document gives (exit 1 if not).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { FIXTURE_FILE, openApiFixture } from '../src-main/emulator/testing/openapi-fixture';
import { repoRoot } from '../src-main/emulator/testing/fixture';

const root = repoRoot();
const { values } = parseArgs({ options: { from: { type: 'string' }, check: { type: 'boolean', default: false } } });
const from = resolve(values.from ?? join(root, '..', 'shared', 'reference', 'nortech-openapi.json'));
const target = join(root, 'src-main', 'emulator', 'testing', FIXTURE_FILE);

if (!existsSync(from)) {
  console.error(`No OpenAPI document at ${from}: pass --from <path to nortech-openapi.json>.`);
  process.exit(2);
}
const fixture = openApiFixture(readFileSync(from, 'utf8'));
const options = (await prettier.resolveConfig(target)) ?? {};
const text = await prettier.format(JSON.stringify(fixture), { ...options, filepath: target });

if (values.check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(`${FIXTURE_FILE} is not what ${from} gives: run npm run openapi:fixture and commit it.`);
    process.exit(1);
  }
  console.log(`${FIXTURE_FILE} is up to date (${Object.keys(fixture.operations).length} operations).`);
} else {
  writeFileSync(target, text);
  console.log(`Wrote ${target}: ${Object.keys(fixture.operations).length} operations, ${Buffer.byteLength(text)} bytes.`);
}
