import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreBounds, type WorkArea } from './window-state';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state-file';

const laptop: WorkArea = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: WorkArea = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (x: number, y: number, width = 1400, height = 850, maximized = false) => ({ bounds: { x, y, width, height }, maximized });

describe('restoreBounds', () => {
  it('opens centred on the primary display the first time', () => {
    expect(restoreBounds(null, [laptop])).toEqual({ bounds: { x: 240, y: 70, width: 1440, height: 900 }, maximized: false });
  });

  it('keeps a place that is fully visible', () => {
    expect(restoreBounds(state(100, 50), [laptop, rightMonitor])!.bounds).toEqual({ x: 100, y: 50, width: 1400, height: 850 });
    expect(restoreBounds(state(2000, 100), [laptop, rightMonitor])!.bounds).toEqual({ x: 2000, y: 100, width: 1400, height: 850 });
  });

  it('moves a window hanging off the edge fully onto the display it mostly sits on', () => {
    expect(restoreBounds(state(1000, 600), [laptop])!.bounds).toEqual({ x: 520, y: 190, width: 1400, height: 850 });
    expect(restoreBounds(state(-300, -40), [laptop])!.bounds).toEqual({ x: 0, y: 0, width: 1400, height: 850 });
  });

  it('brings the window back when its monitor is gone', () => {
    expect(restoreBounds(state(2500, 200), [laptop])!.bounds).toEqual({ x: 240, y: 70, width: 1440, height: 900 });
  });

  it('shrinks a window larger than the display, down to the display', () => {
    const small: WorkArea = { x: 0, y: 0, width: 1280, height: 680 };
    expect(restoreBounds(state(0, 0, 2400, 1300), [small])!.bounds).toEqual({ x: 0, y: 0, width: 1280, height: 680 });
  });

  it('remembers maximized, and has nothing to say without displays', () => {
    expect(restoreBounds(state(10, 10, 1400, 850, true), [laptop])!.maximized).toBe(true);
    expect(restoreBounds(state(10, 10), [])).toBeNull();
  });
});

describe('window-state.json', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-window-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('round-trips, written atomically (no temp file left behind)', async () => {
    await saveWindowState(dir, state(5, 6, 1500, 900, true));
    expect(await loadWindowState(dir)).toEqual(state(5, 6, 1500, 900, true));
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE]);
    expect(JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8'))).toMatchObject({ maximized: true });
  });

  it('treats a missing or damaged file as no state', async () => {
    expect(await loadWindowState(dir)).toBeNull();
    await writeFile(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": "left"');
    expect(await loadWindowState(dir)).toBeNull();
    await writeFile(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": 1, "y": 2, "width": -5, "height": 3}}');
    expect(await loadWindowState(dir)).toBeNull();
  });

  it('refuses to write nonsense', async () => {
    await expect(saveWindowState(dir, state(1, 2, 0, 0))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
