import type { Signal } from '../../../../src-preload/contract';
import { useOverflows } from '../../lib/use-overflows';
import { signalLocation } from './signal-location';

/** What a plant engineer checks before exporting a signal: unit, type, descriptions and ID. */
export function SignalDetails({ signal }: { signal: Signal }) {
  const [ref, scrolls] = useOverflows<HTMLElement>();
  return (
    // It scrolls when the descriptions are long: then it takes the focus, so that the keyboard can scroll it too.
    <section ref={ref} className="signal-details" aria-label={`Details of ${signal.name}`} tabIndex={scrolls ? 0 : undefined}>
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
