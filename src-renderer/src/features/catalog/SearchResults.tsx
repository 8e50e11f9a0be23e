import type { Signal } from '../../../../src-preload/contract';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSearch } from './api';
import { signalLocation } from './signal-location';

interface Props {
  connectionId: string;
  workspaceId: number | undefined;
  query: string;
  onAdd(signal: Signal): void;
  onShow(signal: Signal): void;
  isSelected(id: number): boolean;
}

/** Signals of the workspace matching the search, each with where it lives. */
export function SearchResults({ connectionId, workspaceId, query, onAdd, onShow, isSelected }: Props) {
  const search = useSearch(connectionId, workspaceId, query);
  if (search.isError) return <ErrorAlert error={search.error} title="Search failed." />;
  if (!search.data)
    return (
      <p className="muted" role="status">
        Searching…
      </p>
    );
  const { items, total } = search.data;
  return (
    <div className="search-results">
      <p className="muted" role="status">
        {total === 0
          ? `No signal matches “${query}”.`
          : total > items.length
            ? `First ${items.length} of ${total} signals`
            : `${total} ${total === 1 ? 'signal' : 'signals'}`}
      </p>
      <ul aria-label="Search results">
        {items.map((s) => (
          <li key={s.id}>
            <button type="button" className="link-button result-name" onClick={() => onShow(s)}>
              <span>{s.name}</span> <span className="muted">{s.physicalUnit}</span>
            </button>
            <span className="result-path muted">{signalLocation(s)}</span>
            <button type="button" className="add-button" aria-label={`Add ${s.name}`} disabled={isSelected(s.id)} onClick={() => onAdd(s)}>
              {isSelected(s.id) ? '✓' : '+'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
