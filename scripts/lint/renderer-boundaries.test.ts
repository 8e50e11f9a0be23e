import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { FEATURE_TO_APP, FEATURE_TO_FEATURE, rendererBoundaries, SHARED_TO_FEATURE } from './renderer-boundaries.js';

const here = import.meta.dirname;
const repoRoot = join(here, '..', '..');

/** The boundary rules alone, on the fixture: every file and the messages lint gives it. */
async function lintFixture(): Promise<Record<string, string[]>> {
  const eslint = new ESLint({
    cwd: here,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, rendererBoundaries('fixture/src', here)],
  });
  const results = await eslint.lintFiles(['fixture/src/**/*.ts']);
  return Object.fromEntries(
    results.map((r) => [relative(join(here, 'fixture/src'), r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]),
  );
}

describe("the window's boundaries", () => {
  it('refuse a feature importing another feature or app/, shared code importing a feature, and import cycles', async () => {
    const byFile = await lintFixture();
    const zone = (path: string, why: string) =>
      `import-x/no-restricted-paths: Unexpected path "${path}" imported in restricted zone. ${why}`;
    expect(byFile).toEqual({
      'app/app.ts': [],
      'app/config.ts': [],
      'features/alpha/alpha.ts': [zone('../beta/beta', FEATURE_TO_FEATURE)],
      'features/beta/beta.ts': [zone('../../app/config', FEATURE_TO_APP)],
      'features/beta/cycle-a.ts': [expect.stringMatching(/^import-x\/no-cycle: Dependency cycle detected/)],
      'features/beta/cycle-b.ts': [expect.stringMatching(/^import-x\/no-cycle: Dependency cycle detected/)],
      'lib/shared.ts': [],
      'ui/widget.ts': [zone('../features/alpha/alpha', SHARED_TO_FEATURE)],
    });
  });

  it('are part of the repository lint for src-renderer', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    const [probe] = await eslint.lintText("import { childrenQuery } from '../catalog/api';\n\nexport const probe = childrenQuery;\n", {
      filePath: join(repoRoot, 'src-renderer/src/features/preview/probe.ts'),
    });
    expect(probe!.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      `import-x/no-restricted-paths: Unexpected path "../catalog/api" imported in restricted zone. ${FEATURE_TO_FEATURE}`,
    ]);
  });
});
