import { EventEmitter } from 'node:events';
import { events, type EventName, type EventPayload } from '../../src-preload/contract';
import type { EmitEvent } from './handlers';

export interface EventHub {
  emit: EmitEvent;
  /** Every event, in order; returns its unsubscribe. */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

/** Fans events from services out to every connected window, whatever the transport. */
export function createEventHub(): EventHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      // Validate on the way out too: a service bug must not reach the window as a malformed event.
      const checked = events[name].payload.parse(payload);
      emitter.emit('event', name, checked);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
