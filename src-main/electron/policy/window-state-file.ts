import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '../../storage/json-file';
import { WindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';

/** The remembered window state; none, or a damaged file, means a fresh default (never worth a failed start). */
export async function loadWindowState(dataDir: string): Promise<WindowState | null> {
  try {
    return await readJsonFile(join(dataDir, WINDOW_STATE_FILE), WindowState.nullable(), null);
  } catch {
    // Damaged or unreadable: the window opens at its default place, and saving rewrites the file.
    return null;
  }
}

/** Atomic (temp file, fsync, rename): a crash mid-write leaves the old state or the new one. */
export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeJsonFile(join(dataDir, WINDOW_STATE_FILE), WindowState.parse(state));
}
