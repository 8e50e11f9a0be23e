import type { BenchRow } from '../lib/results';
import type { Session } from '../lib/session';

export async function rendererCase(_s: Session, _runs: number, _log: (line: string) => void): Promise<BenchRow[]> {
  return [];
}
