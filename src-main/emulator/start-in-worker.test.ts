import { describe, expect, it } from 'vitest';
import { startEmulatorInWorker } from './start-in-worker';

describe('the emulator on its own thread', () => {
  it('answers over HTTP like the in-process one, and closes', async () => {
    const emulator = await startEmulatorInWorker({ apiKey: 'worker-key' });
    try {
      const res = await fetch(`${emulator.baseUrl}/api/v1/workspaces`, { headers: { authorization: 'Bearer worker-key' } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { name: string }[] };
      expect(body.data.map((w) => w.name)).toContain('Haldane Ridge Wind Farm');
    } finally {
      await emulator.close();
    }
    await expect(fetch(`${emulator.baseUrl}/api/health`)).rejects.toThrow();
  });
});
