import type { Handlers } from '../bridge/handlers';
import type { MainPorts } from '../ports/main-ports';

export function appHandlers(ports: MainPorts): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => ({
      name: 'Signal Explorer',
      version: ports.version,
      mode: ports.mode,
      secretStorage: ports.secrets.kind,
      platform: ports.platform,
    }),
  };
}
