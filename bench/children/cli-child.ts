/*
 * `npm run cli` as the bench runs it: the command line itself, plus, when it exits, its peak RSS
 * (the whole process: main thread and export workers) and CPU time written to fd 3 as JSON.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  try {
    writeSync(3, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  } catch {
    // Run without the bench's pipe: nothing to report to.
  }
});
await import('../../src-main/cli/index');
