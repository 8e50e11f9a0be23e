import { setPriority } from 'node:os';

/*
 * Background threads (the export workers) below the main thread in the OS's scheduler, so that the
 * thread answering the window gets a core first when it wakes. On Linux, setpriority(PRIO_PROCESS,
 * 0) sets the nice value of the calling thread alone (a thread is a task with its own TID), which is
 * what os.setPriority(pid 0) calls. Elsewhere pid 0 means the whole process (Windows, macOS): there
 * this does nothing rather than lower the app's main thread with its workers.
 */

/** Nice value of the export workers: see the measurement where export-worker.ts calls this. */
export const BACKGROUND_NICE = 10;

/**
 * Nice value of the download thread: below the main thread, above the export workers it feeds. At
 * nice 0 beside the main thread, XL csv's 328 MB of downloads left the main thread runnable without
 * a core for 67 ms of a 116 ms stall (the full bench started 2026-12-07 13:20).
 */
export const DOWNLOAD_NICE = 5;

/**
 * Lowers the calling thread's priority to `nice` (Linux only); answers whether it did. Never
 * throws: a priority the OS refuses leaves the thread as it was.
 */
export function lowerThisThread(nice: number = BACKGROUND_NICE, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    setPriority(0, nice);
    return true;
  } catch {
    return false;
  }
}
