import { describe, expect, it } from 'vitest';
import type { TreeNode, TreePath } from '../../../../src-preload/contract';
import { buildTreeRows, pathKey, treeKeyAction, type LevelState } from './tree-rows';

const node = (path: string[], level: TreeNode['level']): TreeNode => ({
  level,
  id: path.length * 100 + path.join('').length,
  name: path.at(-1)!,
  path,
});

const levels: Record<string, LevelState> = {
  [pathKey([])]: { status: 'success', data: [node(['W'], 'workspace')] },
  [pathKey(['W'])]: { status: 'success', data: [node(['W', 'A1'], 'asset'), node(['W', 'A2'], 'asset')] },
  [pathKey(['W', 'A1'])]: { status: 'pending' },
  [pathKey(['W', 'A2'])]: { status: 'success', data: [] },
};
const levelOf = (p: TreePath): LevelState => levels[pathKey(p)] ?? { status: 'pending' };

describe('buildTreeRows', () => {
  it('lists expanded levels depth first with a status row where there are no children to show', () => {
    const rows = buildTreeRows(levelOf, new Set([pathKey(['W']), pathKey(['W', 'A1']), pathKey(['W', 'A2'])]));
    expect(rows.map((r) => (r.kind === 'node' ? `${r.depth}:${r.node.name}` : `${r.depth}:${r.status}`))).toEqual([
      '1:W',
      '2:A1',
      '3:loading',
      '2:A2',
      '3:empty',
    ]);
    const a2 = rows[3]!;
    expect(a2.kind === 'node' && [a2.posInSet, a2.setSize, a2.parentIndex]).toEqual([2, 2, 0]);
  });

  it('hides the children of a collapsed node', () => {
    expect(buildTreeRows(levelOf, new Set())).toHaveLength(1);
  });
});

describe('treeKeyAction', () => {
  const rows = buildTreeRows(levelOf, new Set([pathKey(['W'])]));
  it('moves, opens, closes and climbs like the WAI-ARIA tree pattern', () => {
    expect(treeKeyAction(rows, 0, 'ArrowDown')).toEqual({ type: 'focus', index: 1 });
    expect(treeKeyAction(rows, 0, 'ArrowRight')).toEqual({ type: 'focus', index: 1 });
    expect(treeKeyAction(rows, 1, 'ArrowRight')).toEqual({ type: 'expand', index: 1 });
    expect(treeKeyAction(rows, 1, 'ArrowLeft')).toEqual({ type: 'focus', index: 0 });
    expect(treeKeyAction(rows, 0, 'ArrowLeft')).toEqual({ type: 'collapse', index: 0 });
    expect(treeKeyAction(rows, 2, 'ArrowDown')).toEqual({ type: 'none' });
    expect(treeKeyAction(rows, 2, 'Home')).toEqual({ type: 'focus', index: 0 });
    expect(treeKeyAction(rows, 0, 'End')).toEqual({ type: 'focus', index: 2 });
    expect(treeKeyAction(rows, 1, 'Enter')).toEqual({ type: 'activate', index: 1 });
  });
});
