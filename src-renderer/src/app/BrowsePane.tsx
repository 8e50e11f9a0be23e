import { BrowsePanel } from '../features/catalog/BrowsePanel';
import { useActiveConnection } from './state/active-connection';
import { useSelection } from './state/selection';

/** The catalog of the connection in use; what it adds goes to the selection. */
export function BrowsePane() {
  const { connectionId, openManager } = useActiveConnection();
  const { addSignal, isSelected } = useSelection();
  return <BrowsePanel connectionId={connectionId} onEditConnection={openManager} onAdd={addSignal} isSelected={isSelected} />;
}
