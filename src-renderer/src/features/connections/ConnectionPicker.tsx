import { useConnections } from './api';

interface Props {
  connectionId: string;
  onChange(connectionId: string): void;
  onManage(): void;
}

/** The header's choice of connection, and the way to manage them. */
export function ConnectionPicker({ connectionId, onChange, onManage }: Props) {
  const connections = useConnections();
  const list = connections.data ?? [];
  // Until the list answers, still name the demo connection so the window is never blank.
  const options = list.length ? list : [{ id: 'demo', name: 'Demo data' }];
  return (
    <div className="connection-picker">
      <label>
        <span>Connection</span>
        <select value={connectionId} onChange={(e) => onChange(e.target.value)}>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onManage}>
        Connections…
      </button>
    </div>
  );
}
