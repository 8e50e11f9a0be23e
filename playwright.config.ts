import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './e2e/fixtures/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts', // e2e/*.test.ts are vitest tests that span processes
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Once per run: the browser-mode host every test starts, bundled from the sources as they are.
  globalSetup: './e2e/fixtures/global-setup.ts',
  // Each test has its own host, data folder and emulator: tests of one file may run at once, so
  // the two longest (accessibility, light and dark) do not queue behind each other in one worker.
  fullyParallel: true,
  // Each test runs a browser, the browser-mode host and an emulator; on 2 cores three at once: a UI
  // test waits on the page and on the emulator's paced answers most of its time (npm test used 1.3
  // of its 2 cores on average with two).
  workers: 3,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    screenshot: 'only-on-failure',
    // No trace by default: recording one (DOM snapshots and screencast, kept only on failure) took
    // 43 % of Chromium's CPU over four spec files (34.9 -> 19.9 s) and a quarter of their time (32.6
    // -> 23.8 s), on a machine the whole of npm test keeps busy. For a closer look at a failure:
    // `npx playwright test --trace on e2e/<spec>`.
    trace: 'off',
  },
});
