import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { TreePath } from '../../../../src-preload/contract';
import { childrenQuery } from './api';
import { buildTreeRows, pathKey, type LevelState } from './tree-rows';

/** Every open path whose ancestors are all open: the levels the tree must have loaded. */
function openPaths(expanded: ReadonlySet<string>): TreePath[] {
  const paths: TreePath[] = [[]];
  for (const key of expanded) {
    const path = JSON.parse(key) as TreePath;
    const visible = path.every((_, i) => i === path.length - 1 || expanded.has(pathKey(path.slice(0, i + 1))));
    if (visible && path.length <= 4) paths.push(path);
  }
  return paths;
}

/** Loads each open level lazily (one `catalog.children` per level) and lays the tree out as rows. */
export function useTreeRows(connectionId: string, expanded: ReadonlySet<string>) {
  const paths = useMemo(() => openPaths(expanded), [expanded]);
  const results = useQueries({ queries: paths.map((p) => childrenQuery(connectionId, p)) });
  // useQueries answers a new array each render; key the layout on what the rows depend on.
  const signature = results.map((r) => `${r.status}:${r.dataUpdatedAt}:${r.errorUpdatedAt}`).join('|');
  const rows = useMemo(() => {
    const byPath = new Map<string, LevelState>();
    paths.forEach((p, i) => {
      const r = results[i];
      if (r) byPath.set(pathKey(p), { status: r.status, data: r.data, error: r.error });
    });
    return buildTreeRows((p) => byPath.get(pathKey(p)) ?? { status: 'pending' }, expanded);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paths, signature, expanded]);
  const retry = (path: TreePath) => {
    const i = paths.findIndex((p) => pathKey(p) === pathKey(path));
    void results[i]?.refetch();
  };
  return { rows, root: results[0], retry };
}
