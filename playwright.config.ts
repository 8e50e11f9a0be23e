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
  // 2 cores: each test runs a browser, the browser-mode host and an emulator.
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
