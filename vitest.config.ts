import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src-main/**/*.test.ts',
      'e2e/**/*.test.ts',
      'src-preload/**/*.test.ts',
      'src-renderer/src/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['scripts/vitest-workers.ts'],
    // One file per core at a time: vitest's default (cores - 1) ran one at a time on 2 cores,
    // while most files spend part of their time waiting on a child process, a worker or a socket.
    maxWorkers: availableParallelism(),
    // A worker's files share its module cache instead of importing everything again per file: the
    // suite alone 135 s and 246 s of CPU -> 90 s and 157 s (imports 54 s -> 9 s). No test relies on a
    // fresh module: no mocks, and state lives in what a test starts (servers, folders, workers).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
