import { join } from 'node:path';
import { z } from 'zod';
import { Schedule } from '../../src-preload/contract/schedules';
import { readJsonFile, serialized, writeJsonFile } from '../storage/json-file';

/** The app's schedules in `schedules.json` of the data folder, written atomically, one change at a time. */
export interface ScheduleStore {
  list(): Promise<Schedule[]>;
  /** Adds or replaces a schedule by its ID. */
  put(schedule: Schedule): Promise<void>;
  /** Changes one schedule (a run's outcome); a schedule removed meanwhile stays removed. */
  update(id: string, change: Partial<Pick<Schedule, 'lastRunAt' | 'lastError'>>): Promise<void>;
  remove(id: string): Promise<void>;
}

const Schedules = z.array(Schedule).max(1_000);

export function scheduleStore(dataDir: string): ScheduleStore {
  const file = join(dataDir, 'schedules.json');
  const queue = serialized();
  const load = () => readJsonFile(file, Schedules, []);
  const edit = (change: (list: Schedule[]) => Schedule[]) => queue(async () => writeJsonFile(file, change(await load())));
  return {
    list: load,
    put: (schedule) => edit((list) => [...list.filter((s) => s.id !== schedule.id), schedule]),
    update: (id, change) => edit((list) => list.map((s) => (s.id === id ? { ...s, ...change } : s))),
    remove: (id) => edit((list) => list.filter((s) => s.id !== id)),
  };
}
