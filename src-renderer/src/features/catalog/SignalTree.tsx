import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Signal, TreeNode } from '../../../../src-preload/contract';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { treeKeyAction, type TreeRow } from './tree-rows';
import { useTreeRows } from './use-tree-rows';

const ROW_HEIGHT = 28;

interface Props {
  connectionId: string;
  onAdd(signal: Signal): void;
  onShow(node: TreeNode | null): void;
  isSelected(id: number): boolean;
}

const statusText = { loading: 'Loading…', empty: 'Nothing here.', error: 'Could not load.' } as const;

/**
 * Workspace > Asset > Division > Unit > Signal, one level loaded when opened. Virtualized: only
 * the rows in view are in the page, so a unit of 10,000 signals scrolls like one of ten. Focus stays
 * on the tree and `aria-activedescendant` names the active row, which survives rows being recycled.
 */
export function SignalTree({ connectionId, onAdd, onShow, isSelected }: Props) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState(0);
  const { rows, retry } = useTreeRows(connectionId, expanded);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer keeps mutable state React Compiler cannot see through; this component is not memoised by it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const activeIndex = Math.min(active, Math.max(rows.length - 1, 0));
  const activeRow = rows[activeIndex];
  const idOf = (i: number) => `tree-row-${connectionId}-${i}`;

  useEffect(() => {
    setExpanded(new Set());
    setActive(0);
  }, [connectionId]);

  const toggle = (row: TreeRow, open?: boolean) => {
    if (row.kind !== 'node' || !row.expandable) return;
    setExpanded((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? !prev.has(row.key);
      if (shouldOpen) next.add(row.key);
      else next.delete(row.key);
      return next;
    });
  };
  const focusRow = (index: number) => {
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const row = rows[index];
    onShow(row?.kind === 'node' ? row.node : null);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const action = treeKeyAction(rows, activeIndex, e.key);
    if (action.type === 'none') return;
    e.preventDefault();
    const row = rows[action.index];
    if (!row) return;
    if (action.type === 'focus') focusRow(action.index);
    else if (action.type === 'expand') toggle(row, true);
    else if (action.type === 'collapse') toggle(row, false);
    else if (row.kind === 'node') {
      if (row.node.signal) onAdd(row.node.signal);
      else toggle(row);
    }
  };

  return (
    <div
      ref={scrollRef}
      className="tree"
      role="tree"
      aria-label="Signals"
      tabIndex={0}
      aria-activedescendant={activeRow ? idOf(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => activeRow?.kind === 'node' && onShow(activeRow.node)}
    >
      <div role="none" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, paddingLeft: `${(row.depth - 1) * 16 + 4}px` };
          const isActive = item.index === activeIndex;
          if (row.kind === 'status') {
            return (
              <div
                key={row.key}
                id={idOf(item.index)}
                role="none"
                className={`tree-row tree-status ${row.status}${isActive ? ' active' : ''}`}
                style={style}
              >
                {row.status === 'error' ? (
                  <ErrorAlert error={row.error}>
                    <button type="button" tabIndex={-1} onClick={() => retry(row.path)}>
                      Retry
                    </button>
                  </ErrorAlert>
                ) : (
                  <span className="muted" role={row.status === 'loading' ? 'status' : undefined}>
                    {statusText[row.status]}
                  </span>
                )}
              </div>
            );
          }
          const { node } = row;
          const signal = node.signal;
          return (
            <div
              key={row.key}
              id={idOf(item.index)}
              role="treeitem"
              // A signal's unit is shown beside its name, so it is part of its name (WCAG 2.5.3, label in name).
              aria-label={signal?.physicalUnit ? `${node.name} ${signal.physicalUnit}` : node.name}
              aria-level={row.depth}
              aria-posinset={row.posInSet}
              aria-setsize={row.setSize}
              aria-expanded={row.expandable ? row.expanded : undefined}
              aria-selected={isActive}
              className={`tree-row level-${node.level}${isActive ? ' active' : ''}`}
              style={style}
              onClick={() => {
                setActive(item.index);
                onShow(node);
                toggle(row);
              }}
              onDoubleClick={() => signal && onAdd(signal)}
            >
              <span className="twisty" aria-hidden="true">
                {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
              </span>
              <span className="tree-name" title={node.description || node.name}>
                {node.name}
              </span>
              {signal && (
                <>
                  {signal.physicalUnit && ' '}
                  <span className="tree-unit muted">{signal.physicalUnit}</span>
                  <button
                    type="button"
                    className="add-button"
                    tabIndex={-1}
                    aria-label={`Add ${node.name}`}
                    disabled={isSelected(signal.id)}
                    onClick={(e) => {
                      e.stopPropagation();
                      onAdd(signal);
                    }}
                  >
                    {isSelected(signal.id) ? '✓' : '+'}
                  </button>
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
