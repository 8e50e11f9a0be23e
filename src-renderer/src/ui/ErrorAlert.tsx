import type { ReactNode } from 'react';
import { BridgeError } from '../lib/bridge';

/** Any failure as the user should read it: the message, then what to do next when the main process said. */
export function ErrorAlert({ error, children, title }: { error: unknown; children?: ReactNode; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof BridgeError ? error.details?.hint : undefined;
  return (
    <div role="alert" className="alert">
      {title && <strong>{title} </strong>}
      <span>{message}</span>
      {hint && <span className="hint"> {hint}</span>}
      {children && <div className="alert-actions">{children}</div>}
    </div>
  );
}
