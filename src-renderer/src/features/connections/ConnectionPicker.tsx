import { useActiveConnection } from './active-connection';
import { useConnections } from './api';

/** The header's choice of connection, and the way to manage them. */
export function ConnectionPicker() {
  const { connectionId, setConnectionId, openManager } = useActiveConnection();
  const connections = useConnections();
  const list = connections.data ?? [];
  // Until the list answers, still name the demo connection so the window is never blank.
  const options = list.length ? list : [{ id: 'demo', name: 'Demo data' }];
  return (
    <div className="connection-picker">
      <label>
        <span>Connection</span>
        <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => openManager()}>
        Connections…
      </button>
    </div>
  );
}
