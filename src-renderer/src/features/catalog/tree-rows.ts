import type { TreeNode, TreePath } from '../../../../src-preload/contract';

/** A level's loading state as the tree needs it (a TanStack query result fits). */
export interface LevelState {
  status: 'pending' | 'error' | 'success';
  data?: TreeNode[];
  error?: unknown;
}

export type TreeRow =
  | {
      kind: 'node';
      key: string;
      node: TreeNode;
      depth: number; // 1 for workspaces (aria-level)
      expandable: boolean;
      expanded: boolean;
      posInSet: number;
      setSize: number;
      parentIndex: number | null;
    }
  | {
      kind: 'status';
      key: string;
      status: 'loading' | 'empty' | 'error';
      depth: number;
      path: TreePath;
      error?: unknown;
      parentIndex: number | null;
    };

/** A stable key for a path of names (names may hold any character). */
export const pathKey = (path: readonly string[]) => JSON.stringify(path);

/**
 * The visible rows of the tree, depth first: each expanded node is followed by its children, or by
 * one status row (loading, empty, error) while it has none to show.
 */
export function buildTreeRows(levelOf: (path: TreePath) => LevelState, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (path: TreePath, depth: number, parentIndex: number | null) => {
    const level = levelOf(path);
    const key = pathKey(path);
    if (level.status === 'pending') {
      rows.push({ kind: 'status', key: `${key}:loading`, status: 'loading', depth, path, parentIndex });
      return;
    }
    if (level.status === 'error') {
      rows.push({ kind: 'status', key: `${key}:error`, status: 'error', depth, path, error: level.error, parentIndex });
      return;
    }
    const children = level.data ?? [];
    if (children.length === 0) {
      rows.push({ kind: 'status', key: `${key}:empty`, status: 'empty', depth, path, parentIndex });
      return;
    }
    children.forEach((node, i) => {
      const nodeKey = pathKey(node.path);
      const expandable = node.level !== 'signal';
      const isOpen = expandable && expanded.has(nodeKey);
      const index = rows.length;
      rows.push({
        kind: 'node',
        key: nodeKey,
        node,
        depth,
        expandable,
        expanded: isOpen,
        posInSet: i + 1,
        setSize: children.length,
        parentIndex,
      });
      if (isOpen) walk(node.path as TreePath, depth + 1, index);
    });
  };
  walk([], 1, null);
  return rows;
}

export type TreeKeyAction =
  | { type: 'focus'; index: number }
  | { type: 'expand'; index: number }
  | { type: 'collapse'; index: number }
  | { type: 'activate'; index: number }
  | { type: 'none' };

/**
 * The WAI-ARIA tree pattern's keys: Up/Down move, Right opens or enters, Left closes or goes to the
 * parent, Home/End jump, Enter adds a signal or opens/closes a branch.
 */
export function treeKeyAction(rows: readonly TreeRow[], index: number, key: string): TreeKeyAction {
  const row = rows[index];
  const last = rows.length - 1;
  if (!row) return rows.length ? { type: 'focus', index: 0 } : { type: 'none' };
  switch (key) {
    case 'ArrowDown':
      return index < last ? { type: 'focus', index: index + 1 } : { type: 'none' };
    case 'ArrowUp':
      return index > 0 ? { type: 'focus', index: index - 1 } : { type: 'none' };
    case 'Home':
      return { type: 'focus', index: 0 };
    case 'End':
      return { type: 'focus', index: last };
    case 'ArrowRight':
      if (row.kind !== 'node' || !row.expandable) return { type: 'none' };
      if (!row.expanded) return { type: 'expand', index };
      return index < last ? { type: 'focus', index: index + 1 } : { type: 'none' };
    case 'ArrowLeft':
      if (row.kind === 'node' && row.expanded) return { type: 'collapse', index };
      return row.parentIndex !== null ? { type: 'focus', index: row.parentIndex } : { type: 'none' };
    case 'Enter':
    case ' ':
      return row.kind === 'node' ? { type: 'activate', index } : { type: 'none' };
    default:
      return { type: 'none' };
  }
}
