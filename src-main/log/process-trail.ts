import type { Logger } from './logger';

/*
 * What the process itself reports: an exception nothing caught (and a rejection nothing handled,
 * which Node raises as one) and Node's warnings. `uncaughtExceptionMonitor` only listens: the
 * process still ends (or Electron still shows its dialog) as it would without a log, and since
 * lines are written synchronously the crash's line is on disk first.
 */
export function watchProcess(log: Logger, proc: NodeJS.Process = process): () => void {
  const crashed = (error: Error, origin: string) => log.error('Crashed: an error nothing caught', { origin, err: error });
  const warned = (warning: Error) => log.warn(`Node warning: ${warning.message}`, { err: warning });
  proc.on('uncaughtExceptionMonitor', crashed);
  proc.on('warning', warned);
  return () => {
    proc.off('uncaughtExceptionMonitor', crashed);
    proc.off('warning', warned);
  };
}
