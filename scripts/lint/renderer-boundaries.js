/**
 * The window's layers, held by lint (bulletproof-react's rule): `lib/` and `ui/` are shared by
 * every feature; a feature uses them and nothing of another feature or of `app/`; `app/` composes
 * the features and holds the state they share. Import cycles are refused everywhere in the window.
 *
 * A function of the renderer's root so that its test can run the same rules on a small fixture.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

export const FEATURE_TO_FEATURE = 'A feature does not import another feature: compose them in app/, share through lib/ or ui/.';
export const FEATURE_TO_APP = 'A feature does not import app/: app/ composes the features and passes them what they need.';
export const SHARED_TO_FEATURE = 'lib/ and ui/ are shared by every feature: they import no feature and not app/.';

/** @param {string} root the renderer's source folder, relative to `basePath` @param {string} basePath */
export function rendererBoundaries(root, basePath = process.cwd()) {
  const features = readdirSync(join(basePath, root, 'features'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const at = (path) => `./${root}/${path}`;
  return {
    files: [`${root}/**/*.{ts,tsx}`],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath,
          zones: [
            ...features.map((f) => ({
              target: at(`features/${f}`),
              from: at('features'),
              except: [`./${f}`],
              message: FEATURE_TO_FEATURE,
            })),
            { target: at('features'), from: at('app'), message: FEATURE_TO_APP },
            { target: [at('lib'), at('ui')], from: [at('features'), at('app')], message: SHARED_TO_FEATURE },
          ],
        },
      ],
    },
  };
}
