import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProducedInfo } from '../../src-main/emulator';
import { connectApp, type AppClient } from './app-client';
import { hostChildJs, rendererDir, repoRoot } from './build';
import { startChild, type Child } from './proc';

/*
 * The processes a bench run talks to: the emulator (one for the whole run) and the host serving
 * the window (restarted per case group with a fresh data folder, so that memory, caches and
 * decoded tables of one group do not leak into the next).
 */

export interface Session {
  tmp: string;
  emulator: Child & { baseUrl: string; apiKey: string; produced: Map<number, ProducedInfo> };
  host: Child & { origin: string; token: string; url: string; dataDir: string };
  app: AppClient;
  /** A fresh host; with `keepData` on the same data folder (a later session of the same user). */
  restartHost(opts?: { keepData?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(): Promise<Session> {
  const tmp = mkdtempSync(join(tmpdir(), 'signal-explorer-bench-'));
  const emuChild = await startChild({ module: join(repoRoot, 'bench', 'children', 'emulator-child.ts') });
  const produced = new Map<number, ProducedInfo>();
  emuChild.on('produced', (msg) => produced.set(Number(msg.requestId), msg as unknown as ProducedInfo));
  const emulator = Object.assign(emuChild, { baseUrl: String(emuChild.ready.baseUrl), apiKey: String(emuChild.ready.apiKey), produced });

  let hostRun = 0;
  const startHost = async (keep?: string) => {
    const dataDir = keep ?? join(tmp, `host-${++hostRun}`);
    const child = await startChild({
      module: hostChildJs,
      // For a closer look, e.g. BENCH_HOST_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
      execArgv: process.env.BENCH_HOST_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
      args: [JSON.stringify({ dataDir, saveDir: join(tmp, 'saved'), rendererDir, demoUrl: emulator.baseUrl, demoKey: emulator.apiKey })],
    });
    const host = Object.assign(child, {
      origin: String(child.ready.origin),
      token: String(child.ready.token),
      url: String(child.ready.url),
      dataDir,
    });
    return { host, app: await connectApp(host.origin, host.token) };
  };

  const first = await startHost();
  const session: Session = {
    tmp,
    emulator,
    host: first.host,
    app: first.app,
    async restartHost(opts = {}) {
      session.app.close();
      await session.host.stop();
      if (!opts.keepData) {
        rmSync(session.host.dataDir, { recursive: true, force: true });
        await emulator.call('sweep');
      }
      rmSync(join(tmp, 'saved'), { recursive: true, force: true });
      const next = await startHost(opts.keepData ? session.host.dataDir : undefined);
      session.host = next.host;
      session.app = next.app;
    },
    async close() {
      session.app.close();
      await session.host.stop();
      await emulator.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  return session;
}
