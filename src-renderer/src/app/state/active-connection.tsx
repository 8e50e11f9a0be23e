import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { DEMO_CONNECTION_ID } from '../../../../src-preload/contract';

interface ActiveConnection {
  connectionId: string;
  setConnectionId(id: string): void;
  /** Asks the window to open the connections dialog, e.g. on a 401 to fix the key. */
  manage: { open: boolean; editId: string | null };
  openManager(editId?: string | null): void;
  closeManager(): void;
}

const Context = createContext<ActiveConnection | null>(null);

/** Which connection the tree, search and exports use: "Demo data" until the user picks another. */
export function ActiveConnectionProvider({ children }: { children: ReactNode }) {
  const [connectionId, setConnectionId] = useState<string>(DEMO_CONNECTION_ID);
  const [manage, setManage] = useState<{ open: boolean; editId: string | null }>({ open: false, editId: null });
  const value = useMemo<ActiveConnection>(
    () => ({
      connectionId,
      setConnectionId,
      manage,
      openManager: (editId = null) => setManage({ open: true, editId }),
      closeManager: () => setManage({ open: false, editId: null }),
    }),
    [connectionId, manage],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useActiveConnection(): ActiveConnection {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useActiveConnection outside ActiveConnectionProvider');
  return ctx;
}
