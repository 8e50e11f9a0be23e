import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The bench's own collector, to run before a timed case: left to itself it collected the last
// answer's 3 MB while the host answered the next zoom (its four GC threads took 47 ms of CPU
// during one 12 ms wait of the host's main thread, read from every thread's schedstat).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The machine's busy and total CPU time so far (Linux /proc/stat, all cores), or null elsewhere. */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!.trim().split(/\s+/);
    const n = fields.map(Number);
    const idle = n[3]! + n[4]!; // idle + iowait
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * Waits until the whole machine is nearly idle (under `busyShare` of its cores busy over 100 ms),
 * at most `maxMs`. Before a case timed in milliseconds: what the previous case left running (the
 * kernel's writeback and free-page reporting after a 1 GB file is deleted, 0.6 s of a kernel
 * worker's CPU measured after the XL floor; the bench's own GC of a 3 MB answer, collected first
 * now) took the second
 * core while the host answered, and the host's main thread waited 4-12 ms for a CPU
 * (/proc/thread-self/schedstat) in 4 of 10 zooms.
 */
export async function settle(maxMs = 3000, busyShare = 0.1): Promise<void> {
  collect();
  const until = performance.now() + maxMs;
  let before = cpuTimes();
  if (!before) return void (await sleep(100));
  while (performance.now() < until) {
    await sleep(100);
    const now = cpuTimes()!;
    const share = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    if (share < busyShare) return;
    before = now;
  }
}
