import { useWatch } from 'react-hook-form';
import type { SelectionValues } from '../features/selections/form-schema';
import { LivePanel } from '../features/live/LivePanel';
import { useActiveConnection } from './state/active-connection';

/** Live for the signals picked in the selection, over the connection in use, in the selection's zone. */
export function LivePane() {
  const picked = useWatch<SelectionValues, 'signals'>({ name: 'signals' }) ?? [];
  const zone = useWatch<SelectionValues, 'window.timeZone'>({ name: 'window.timeZone' }) ?? 'local';
  const { connectionId } = useActiveConnection();
  return <LivePanel picked={picked} connectionId={connectionId} zone={zone} />;
}
