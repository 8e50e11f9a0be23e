import { useDeferredValue, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Signal, TreeNode } from '../../../../src-preload/contract';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { childrenQuery } from './api';
import { SearchResults } from './SearchResults';
import { SignalDetails } from './SignalDetails';
import { SignalTree } from './SignalTree';

interface Props {
  connectionId: string;
  /** Opens the connection's settings (a catalog that does not load may need another key). */
  onEditConnection(connectionId: string): void;
  onAdd(signal: Signal): void;
  isSelected(id: number): boolean;
}

/** The catalog: search by name, description or unit, or open the tree level by level. */
export function BrowsePanel({ connectionId, onEditConnection, onAdd, isSelected }: Props) {
  const workspaces = useQuery(childrenQuery(connectionId, []));
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const [workspaceId, setWorkspaceId] = useState<number | undefined>(undefined);
  const [shown, setShown] = useState<Signal | null>(null);
  const list = workspaces.data ?? [];
  const searchWorkspace = workspaceId ?? list[0]?.id;
  const showNode = (node: TreeNode | null) => node?.signal && setShown(node.signal);

  return (
    <section className="panel browse-panel" aria-labelledby="browse-title">
      <h2 id="browse-title">Browse</h2>
      <div className="search-row">
        <input
          type="search"
          aria-label="Search signals"
          placeholder="Search signals by name, description or unit"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={200}
        />
        {list.length > 1 && (
          <select aria-label="Workspace to search" value={searchWorkspace} onChange={(e) => setWorkspaceId(Number(e.target.value))}>
            {list.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {workspaces.isPending ? (
        <p className="empty" role="status">
          Loading the catalog…
        </p>
      ) : workspaces.isError ? (
        <ErrorAlert error={workspaces.error} title="Could not load the catalog.">
          <button type="button" onClick={() => void workspaces.refetch()}>
            Retry
          </button>
          {connectionId !== 'demo' && (
            <button type="button" onClick={() => onEditConnection(connectionId)}>
              Edit connection
            </button>
          )}
        </ErrorAlert>
      ) : list.length === 0 ? (
        <p className="empty">This connection has no workspaces.</p>
      ) : deferredQuery ? (
        <SearchResults
          connectionId={connectionId}
          workspaceId={searchWorkspace}
          query={deferredQuery}
          onAdd={onAdd}
          onShow={setShown}
          isSelected={isSelected}
        />
      ) : (
        <SignalTree connectionId={connectionId} onAdd={onAdd} onShow={showNode} isSelected={isSelected} />
      )}
      {shown && <SignalDetails signal={shown} />}
    </section>
  );
}
