import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { EMULATOR_TO_APP, mainBoundaries, RUN_OUTSIDE_SESSION, SERVICE_TO_APP, SERVICE_TO_HOST } from './main-boundaries.js';

const here = import.meta.dirname;
const repoRoot = join(here, '..', '..');

/** The boundary rules alone, on the fixture: every file and the messages lint gives it. */
async function lintFixture(): Promise<Record<string, string[]>> {
  const eslint = new ESLint({
    cwd: here,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...mainBoundaries('fixture/main', here)],
  });
  const results = await eslint.lintFiles(['fixture/main/**/*.ts']);
  return Object.fromEntries(
    results.map((r) => [relative(join(here, 'fixture/main'), r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]),
  );
}

const zone = (path: string, why: string) => `import-x/no-restricted-paths: Unexpected path "${path}" imported in restricted zone. ${why}`;

describe("the main process's boundaries", () => {
  it('refuse a service importing a host or app/, the emulator importing a service, chunks run outside the session, and cycles', async () => {
    const byFile = await lintFixture();
    expect(byFile).toEqual({
      'app/compose.ts': [],
      'catalog/catalog.ts': [],
      // Tests and their helpers compose the app as the hosts do.
      'catalog/testing/compose-app.ts': [],
      'catalog/uses-app.ts': [zone('../app/compose', SERVICE_TO_APP)],
      'catalog/uses-host.ts': [zone('../electron/main', SERVICE_TO_HOST)],
      'cli/run.ts': [],
      'electron/main.ts': [],
      'emulator/server.ts': [zone('../catalog/catalog', EMULATOR_TO_APP)],
      'exports/jobs/cycle-a.ts': [expect.stringMatching(/^import-x\/no-cycle: Dependency cycle detected/)],
      'exports/jobs/cycle-b.ts': [expect.stringMatching(/^import-x\/no-cycle: Dependency cycle detected/)],
      'exports/jobs/service.ts': [zone('../run/runner', RUN_OUTSIDE_SESSION)],
      'exports/run/runner.ts': [],
      'exports/session/session.ts': [],
      'exports/stack.ts': [zone('./run/runner', RUN_OUTSIDE_SESSION)],
      'formats/codec.ts': [],
    });
  });

  it('are part of the repository lint for src-main', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    const [probe] = await eslint.lintText("import { runChunks } from '../run/chunk-runner';\n\nexport const probe = runChunks;\n", {
      filePath: join(repoRoot, 'src-main/exports/jobs/probe.ts'),
    });
    expect(probe!.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      `import-x/no-restricted-paths: Unexpected path "../run/chunk-runner" imported in restricted zone. ${RUN_OUTSIDE_SESSION}`,
    ]);
  });
});
