#!/usr/bin/env node
/**
 * `npm test`: typecheck every process, lint, unit tests, build, UI tests. Runs every step even when
 * one fails (so one run tells everything), then prints a summary and the closing count line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Not under test-results/: Playwright empties that folder when it starts.
const reports = 'test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');

const steps = [
  { name: 'typecheck (main, preload)', cmd: ['npx', 'tsc', '-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'typecheck (renderer, contract)', cmd: ['npx', 'tsc', '-p', 'tsconfig.web.json', '--noEmit'] },
  { name: 'typecheck (UI tests)', cmd: ['npx', 'tsc', '-p', 'tsconfig.e2e.json', '--noEmit'] },
  { name: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '--log-level', 'warn', '.'] },
  { name: 'unit tests', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`] },
  { name: 'build', cmd: ['npx', 'electron-vite', 'build'] },
  {
    name: 'UI tests',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    needs: 'build',
  },
];

const results = [];
for (const step of steps) {
  const needed = step.needs && results.find((r) => r.name === step.needs);
  if (needed && !needed.ok) {
    results.push({ name: step.name, ok: false, seconds: 0, note: `not run: ${step.needs} failed` });
    continue;
  }
  console.log(`\n━━ ${step.name} ━━ ${step.cmd.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};
const vitest = readJson(vitestJson);
const playwright = readJson(playwrightJson);
const unit = vitest
  ? { passed: vitest.numPassedTests, failed: vitest.numFailedTests, skipped: vitest.numPendingTests + vitest.numTodoTests }
  : null;
const ui = playwright
  ? { passed: playwright.stats.expected + playwright.stats.flaky, failed: playwright.stats.unexpected, skipped: playwright.stats.skipped }
  : null;

console.log('\n━━ summary ━━');
for (const r of results)
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(32)} ${r.seconds.toFixed(1)} s${r.note ? `  (${r.note})` : ''}`);
if (unit) console.log(`unit tests: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
if (ui) console.log(`UI tests:   ${ui.passed} passed, ${ui.failed} failed, ${ui.skipped} skipped`);

const failedSteps = results.filter((r) => !r.ok).length;
const passed = (unit?.passed ?? 0) + (ui?.passed ?? 0);
// A failed step that counted no failed test (typecheck, lint, build, a runner that crashed) counts as one.
const counted = { 'unit tests': unit?.failed ?? 0, 'UI tests': ui?.failed ?? 0 };
const failed = results.reduce((sum, r) => sum + (counted[r.name] ?? 0) + (!r.ok && !counted[r.name] ? 1 : 0), 0);
const skipped = (unit?.skipped ?? 0) + (ui?.skipped ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps === 0 && failed === 0 ? 0 : 1);
