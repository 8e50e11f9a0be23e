import { useState } from 'react';
import type { Connection } from '../../../../src-preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAppInfo } from '../../lib/app-info';
import { useConnections, useRemoveConnection, useTestConnection } from './api';
import { ConnectionForm } from './ConnectionForm';
import { TestResult } from './TestResult';

const storageText: Record<Connection['keyStorage'], string> = {
  encrypted: 'key encrypted by the system',
  session: 'key kept until the app quits',
  none: 'no key',
};

interface Props {
  /** Whether the dialog is open and, when asked to fix a key, the connection to edit straight away. */
  manage: { open: boolean; editId: string | null };
  onClose(): void;
  /** The connection in use, and how to use another. */
  connectionId: string;
  onUse(connectionId: string): void;
}

/** Add, edit, test and remove connections. "Demo data" is always there and needs no key. */
export function ConnectionsDialog({ manage, onClose, connectionId, onUse }: Props) {
  const connections = useConnections();
  const info = useAppInfo();
  const remove = useRemoveConnection();
  const test = useTestConnection();
  const [testedId, setTestedId] = useState<string | null>(null);
  // `undefined`: the list; `null`: a new connection; a Connection: editing it.
  const [editing, setEditing] = useState<Connection | null | undefined>(undefined);
  // The demo connection has no key to fix: asking to edit it shows the list.
  const fromRequest = manage.editId ? connections.data?.find((c) => c.id === manage.editId && c.kind !== 'demo') : undefined;
  const shown = editing === undefined && fromRequest ? fromRequest : editing;

  const close = () => {
    setEditing(undefined);
    onClose();
  };

  return (
    <Dialog title="Connections" open={manage.open} onClose={close} wide>
      {info.data?.secretStorage === 'memory' && (
        <p className="note">Browser mode: API keys are kept in memory only, and forgotten when Signal Explorer stops.</p>
      )}
      {shown !== undefined ? (
        <ConnectionForm
          key={shown?.id ?? 'new'}
          editing={shown}
          onCancel={() => {
            setEditing(undefined);
            if (manage.editId) onClose();
          }}
          onDone={(saved) => {
            setEditing(undefined);
            onUse(saved.id);
            if (manage.editId) onClose();
          }}
        />
      ) : (
        <>
          {connections.isError && <ErrorAlert error={connections.error} />}
          <ul className="connection-list" aria-label="Connections">
            {connections.data?.map((c) => (
              <li key={c.id} className={c.id === connectionId ? 'current' : undefined}>
                <div>
                  <strong>{c.name}</strong>
                  <span className="muted">
                    {' '}
                    {c.kind === 'demo' ? 'built-in demo, no account needed' : c.apiUrl}
                    {c.kind !== 'demo' && ` · ${c.keyHint ? `key ${c.keyHint}` : 'no key'}, ${storageText[c.keyStorage]}`}
                  </span>
                  {testedId === c.id && <TestResult test={test} />}
                </div>
                <div className="button-row">
                  {c.id !== connectionId && (
                    <button type="button" onClick={() => onUse(c.id)} aria-label={`Use ${c.name}`}>
                      Use
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={`Test ${c.name}`}
                    onClick={() => {
                      setTestedId(c.id);
                      test.mutate({ id: c.id });
                    }}
                  >
                    Test
                  </button>
                  {c.kind !== 'demo' && (
                    <>
                      <button type="button" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c)}>
                        Edit
                      </button>
                      <button
                        type="button"
                        aria-label={`Remove ${c.name}`}
                        onClick={() => {
                          if (c.id === connectionId) onUse('demo');
                          remove.mutate(c.id);
                        }}
                      >
                        Remove
                      </button>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
          {remove.isError && <ErrorAlert error={remove.error} title="Not removed." />}
          <button type="button" className="primary" onClick={() => setEditing(null)}>
            Add connection
          </button>
        </>
      )}
    </Dialog>
  );
}
