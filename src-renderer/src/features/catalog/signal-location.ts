import type { Signal } from '../../../../src-preload/contract';

/** Where a signal lives, for people: `Workspace › Asset › Division › Unit` (not its name). */
export const signalLocation = (s: Signal) => [s.workspace.name, s.asset.name, s.division.name, s.unit.name].join(' › ');
