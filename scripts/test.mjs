#!/usr/bin/env node
/**
 * `npm test`: typecheck every process, lint, format check, build, unit tests, UI tests. Runs every
 * step even when one fails (so one run tells everything), then prints a summary (each step's time,
 * the slowest test files and UI tests, the CPU it all took) and the closing count line.
 *
 * Side by side: the build then the UI tests; the unit tests; the checks (tsc, ESLint, Prettier) at
 * the lowest CPU priority. The tests start at once and keep their timing; the checks take the CPU
 * the tests leave (the UI tests wait on the browser and the emulator's paced answers, the unit
 * tests on child processes and sockets). Checks first then unit tests, in one lane, took 370 s
 * (checks 162 s of it under load; 53 s alone) against the UI lane's 278 s. The checks are one
 * queue, the longest first: one at a time beside the tests, and one more for each test lane that
 * has ended. In a lane of their own they ended last, alone on one of the 2 cores (unit tests 286 s,
 * UI tests 244 s, the checks 323 s).
 * Each line of a step's output is prefixed with its name.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

// Not under test-results/: Playwright empties that folder when it starts.
const reports = 'test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');

const steps = {
  tscNode: { name: 'typecheck (main, preload)', tag: 'tsc main', cmd: ['npx', 'tsc', '-p', 'tsconfig.node.json', '--noEmit'] },
  tscWeb: { name: 'typecheck (renderer, contract)', tag: 'tsc web', cmd: ['npx', 'tsc', '-p', 'tsconfig.web.json', '--noEmit'] },
  tscE2e: { name: 'typecheck (UI tests)', tag: 'tsc e2e', cmd: ['npx', 'tsc', '-p', 'tsconfig.e2e.json', '--noEmit'] },
  lint: { name: 'lint', tag: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  format: { name: 'format', tag: 'format', cmd: ['npx', 'prettier', '--check', '--log-level', 'warn', '.'] },
  unit: {
    name: 'unit tests',
    tag: 'unit',
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  },
  build: { name: 'build', tag: 'build', cmd: ['npx', 'electron-vite', 'build'] },
  ui: {
    name: 'UI tests',
    tag: 'UI',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    needs: 'build',
  },
};
const testLanes = [[steps.build, steps.ui], [steps.unit]];
const checks = [steps.lint, steps.tscNode, steps.format, steps.tscWeb, steps.tscE2e].map((s) => ({ ...s, idle: true }));
const order = Object.values(steps).map((s) => s.name);

const cores = availableParallelism();
const loadAtStart = loadavg()[0];
const startedAt = Date.now();
const cpuAtStart = childrenCpuSeconds();
const results = [];
const width = Math.max(...Object.values(steps).map((s) => s.tag.length));

/** Runs a step, its output line by line behind its tag. */
function run(step) {
  const tag = `${step.tag.padEnd(width)} │ `;
  console.log(`${tag}━━ ${step.name} ━━ ${step.cmd.join(' ')}`);
  const started = Date.now();
  return new Promise((resolve) => {
    // `nice` where there is one (Linux, macOS): its children (npx's node) inherit the priority.
    const cmd = step.idle && process.platform !== 'win32' ? ['nice', '-n', '19', ...step.cmd] : step.cmd;
    const child = spawn(cmd[0], cmd.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}), ...step.env },
    });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.on('data', (d) => {
        const lines = (pending + d).split('\n');
        pending = lines.pop();
        for (const line of lines) console.log(tag + line);
      });
      stream.on('end', () => pending && console.log(tag + pending));
    }
    let done = false;
    const finish = (ok, note) => {
      if (done) return;
      done = true;
      const result = { name: step.name, ok, seconds: (Date.now() - started) / 1000, note };
      console.log(`${tag}━━ ${step.name}: ${ok ? 'ok' : 'FAILED'} in ${result.seconds.toFixed(1)} s`);
      results.push(result);
      resolve(result);
    };
    child.on('error', (error) => finish(false, error.message));
    child.on('close', (code) => finish(code === 0));
  });
}

/** Takes the next check off the queue until it is empty. */
async function checkRunner() {
  for (let step = checks.shift(); step; step = checks.shift()) await run(step);
}
const runners = [checkRunner()];
await Promise.all(
  testLanes.map(async (lane) => {
    for (const step of lane) {
      const needed = step.needs && results.find((r) => r.name === steps[step.needs].name);
      if (needed && !needed.ok) results.push({ name: step.name, ok: false, seconds: 0, note: `not run: ${needed.name} failed` });
      else await run(step);
    }
    runners.push(checkRunner());
  }),
);
await Promise.all(runners);

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
for (const r of results.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)))
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(32)} ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ''}`);
const wall = (Date.now() - startedAt) / 1000;
const cpu = childrenCpuSeconds();
console.log(
  `all steps: ${wall.toFixed(0)} s` +
    (cpu !== null && cpuAtStart !== null ? `, ${(cpu - cpuAtStart).toFixed(0)} s of CPU (user + sys)` : '') +
    ` on ${cores} cores; load average ${loadAtStart.toFixed(1)} at the start`,
);
const slowest = (rows) => rows.sort((a, b) => b.seconds - a.seconds).slice(0, 5);
if (vitest) {
  const files = vitest.testResults.map((f) => ({
    name: f.name.replace(`${process.cwd()}/`, ''),
    seconds: (f.endTime - f.startTime) / 1000,
  }));
  console.log(
    `slowest test files: ${slowest(files)
      .map((f) => `${f.name} ${f.seconds.toFixed(1)} s`)
      .join(', ')}`,
  );
}
/** Every UI test of Playwright's report, with its spec: suites nest (a file, its describe blocks). */
const uiTests = (suite) => [
  ...(suite.suites ?? []).flatMap(uiTests),
  ...(suite.specs ?? []).flatMap((spec) => spec.tests.map((test) => ({ spec, test }))),
];
const uiRuns = playwright ? playwright.suites.flatMap(uiTests) : [];
if (playwright) {
  const tests = uiRuns.flatMap(({ spec, test }) =>
    test.results.map((r) => ({ name: `${spec.file} › ${spec.title}`, seconds: r.duration / 1000 })),
  );
  console.log(
    `slowest UI tests:\n${slowest(tests)
      .map((t) => `  ${t.seconds.toFixed(1).padStart(5)} s  ${t.name}`)
      .join('\n')}`,
  );
}
// Each failed test by name with its first line of error, so a CI log cut to its end still says which.
const failures = [];
for (const f of vitest?.testResults ?? [])
  for (const t of f.assertionResults ?? [])
    if (t.status === 'failed') failures.push(`${f.name.replace(`${process.cwd()}/`, '')} › ${t.fullName}: ${unitError(t)}`);
for (const { spec, test } of uiRuns) {
  const last = test.results.at(-1);
  if (test.status === 'unexpected')
    failures.push(`${spec.file} › ${spec.title}: ${firstLine((last?.error ?? last?.errors?.[0])?.message)}`);
}
if (failures.length) console.log(`failed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
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

/** A failed unit test's first line of error. Vitest's JSON report gives a timeout only as "STACK_TRACE_ERROR". */
function unitError(t) {
  const line = firstLine(t.failureMessages?.[0]);
  return line === 'Error: STACK_TRACE_ERROR' ? `timed out after ${Math.round(t.duration ?? 0)} ms` : line;
}

/** The first line of an error message, without colour codes, cut to 300 characters. */
function firstLine(message) {
  // eslint-disable-next-line no-control-regex
  const plain = String(message ?? 'no message').replace(/\u001b\[[0-9;]*m/g, '');
  return (
    plain
      .split('\n')
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 300) ?? 'no message'
  );
}

/** CPU seconds of every child this process has waited for (Linux: /proc; null elsewhere). */
function childrenCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime (16, 17), in USER_HZ = 100
  } catch {
    return null;
  }
}
