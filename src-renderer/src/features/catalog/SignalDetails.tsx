import type { Signal } from '../../../../src-preload/contract';
import { signalLocation } from './signal-location';

/** What a plant engineer checks before exporting a signal: unit, type, descriptions and ID. */
export function SignalDetails({ signal }: { signal: Signal }) {
  return (
    <section className="signal-details" aria-label={`Details of ${signal.name}`}>
      <h3>{signal.name}</h3>
      <p className="muted">{signalLocation(signal)}</p>
      <dl>
        <dt>Physical unit</dt>
        <dd>{signal.physicalUnit || '–'}</dd>
        <dt>Data type</dt>
        <dd>{signal.dataType}</dd>
        <dt>Description</dt>
        <dd>{signal.description || '–'}</dd>
        {signal.longDescription && (
          <>
            <dt>Long description</dt>
            <dd>{signal.longDescription}</dd>
          </>
        )}
        <dt>ID</dt>
        <dd>{signal.id}</dd>
      </dl>
    </section>
  );
}
