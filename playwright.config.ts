import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './e2e/fixtures/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts', // e2e/*.test.ts are vitest tests that span processes
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
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
