import type { Handlers } from '../bridge/handlers';
import type { LiveService } from './live-service';

type LiveCalls = 'live.start' | 'live.stop' | 'live.resume' | 'live.status' | 'live.points' | 'live.visibility';

export function liveHandlers(live: LiveService): Pick<Handlers, LiveCalls> {
  return {
    'live.start': (request) => live.start(request),
    'live.stop': () => live.stop(),
    'live.resume': () => live.resume(),
    'live.status': () => live.status(),
    'live.points': () => live.points(),
    'live.visibility': ({ hidden }) => live.setHidden('hidden', hidden),
  };
}
