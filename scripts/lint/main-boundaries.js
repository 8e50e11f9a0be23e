/**
 * The main process's layers, held by lint (see README, "Layout"): the hosts (`electron/`,
 * `browser/`, `cli/`) sit at the edge and are imported by nothing below them; `app/` is the
 * composition root the hosts start, imported by nothing else but tests; the emulator plays Nortech
 * and shares only the codecs (`formats/`), the worker finder (`workers/`) and the log port (`log/`) with the app; only the
 * export session (`exports/session/`) runs chunks (`exports/run/`), so that every way of starting an
 * export goes through it. Import cycles are refused everywhere in the main process. (That only
 * `electron/` imports `electron` is the repository's `no-restricted-imports`.)
 *
 * A function of the main process's root so that its test can run the same rules on a fixture.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

export const HOSTS = ['electron', 'browser', 'cli'];

export const SERVICE_TO_HOST = 'A service does not import a host (electron/, browser/, cli/): hosts sit at the edge and call in.';
export const SERVICE_TO_APP =
  'Only the hosts (electron/, browser/, cli/) and tests import app/, the composition root: pass a service what it needs (ports/).';
export const EMULATOR_TO_APP =
  'The emulator plays Nortech on its own: of the app it shares only formats/, workers/ and the log port (log/).';
export const RUN_OUTSIDE_SESSION = 'Only the export session runs chunks: start an export through ExportSessions (exports/session/).';

const dirs = (path) =>
  readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const files = (path) =>
  readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);

/** @param {string} root the main process's source folder, relative to `basePath` @param {string} basePath */
export function mainBoundaries(root, basePath = process.cwd()) {
  const at = (path) => `./${root}/${path}`;
  const folders = dirs(join(basePath, root));
  const services = folders.filter((f) => !HOSTS.includes(f));
  const exportsDir = join(basePath, root, 'exports');
  // Everything of exports/ but the session and the runner itself: its folders and its own files.
  const besideSession = [
    ...dirs(exportsDir)
      .filter((d) => d !== 'session' && d !== 'run')
      .map((d) => at(`exports/${d}`)),
    ...files(exportsDir).map((f) => at(`exports/${f}`)),
  ];
  const zones = (tests) => [
    // Tests and their helpers (`testing/`) compose the app as the hosts do (a handler test starts
    // createHandlers; the log's canary test drives browser mode's host).
    ...(tests
      ? []
      : [
          { target: services.map(at), from: HOSTS.map(at), message: SERVICE_TO_HOST },
          { target: services.filter((f) => f !== 'app').map(at), from: at('app'), message: SERVICE_TO_APP },
        ]),
    { target: at('emulator'), from: `./${root}`, except: ['./emulator', './formats', './workers', './log'], message: EMULATOR_TO_APP },
    {
      target: [...folders.filter((f) => f !== 'exports').map(at), ...besideSession],
      from: at('exports/run'),
      message: RUN_OUTSIDE_SESSION,
    },
  ];
  const rules = (tests) => ({
    'import-x/no-cycle': ['error', { ignoreExternal: true }],
    'import-x/no-restricted-paths': ['error', { basePath, zones: zones(tests) }],
  });
  const shared = {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
  };
  const tests = [`${root}/**/*.test.ts`, `${root}/**/testing/**/*.ts`];
  return [
    { ...shared, files: [`${root}/**/*.ts`], ignores: tests, rules: rules(false) },
    { ...shared, files: tests, rules: rules(true) },
  ];
}
