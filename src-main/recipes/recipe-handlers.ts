import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEMO_CONNECTION_ID, type CallName, type RecipeRunOutcome, type StoredRecipe } from '../../src-preload/contract';
import { Schedule } from '../../src-preload/contract/schedules';
import type { Handlers } from '../bridge/handlers';
import type { ConnectionsService } from '../connections/service';
import { AppError } from '../errors/app-error';
import type { ExportService } from '../exports/jobs/export-service';
import { createNortechClient } from '../nortech/client';
import type { MainPorts } from '../ports/main-ports';
import { createScheduler, type Scheduler } from '../schedules/scheduler';
import { ruleIssue } from '../schedules/schedule-rule';
import { scheduleStore } from '../schedules/schedule-store';
import { conditionsFileMissing, outputMismatch } from './matching-record';
import { recipeFolder, resolveRecipeRun } from './recipe-request';
import { outsideRun } from '../../src-preload/contract/run-outside';
import { writeJsonFile } from '../storage/json-file';
import { recipeStore } from './recipe-store';

/*
 * The app's recipes and schedules: recipes kept in the data folder, a run started as an export job
 * of the export service with a file output beside its preview (so History shows it, its window and
 * its file), skipped when the file's record matches; the scheduler runs the schedules' recipes each
 * at its scheduled instant and waits for the job, so that a failure is retried and then kept on the
 * schedule (the window shows it).
 */

type RecipeCalls = Extract<CallName, `recipes.${string}` | `schedules.${string}`>;

export interface RecipeDeps {
  ports: Pick<MainPorts, 'dataDir' | 'version' | 'log' | 'notify'>;
  connections: Pick<ConnectionsService, 'target'>;
  service: Pick<ExportService, 'start' | 'wait'>;
  now?: () => number;
}

export interface RecipeHandlers {
  handlers: Pick<Handlers, RecipeCalls>;
  scheduler: Scheduler;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export function createRecipeHandlers(deps: RecipeDeps): RecipeHandlers {
  const now = deps.now ?? Date.now;
  const recipes = recipeStore(deps.ports.dataDir, now);
  const schedules = scheduleStore(deps.ports.dataDir);
  // A relative output folder is read from the data folder's `exports/`.
  const baseDir = join(deps.ports.dataDir, 'exports');

  async function run(stored: StoredRecipe, at: number): Promise<RecipeRunOutcome> {
    const connectionId = stored.recipe.connectionId ?? DEMO_CONNECTION_ID;
    const target = await deps.connections.target(connectionId);
    const client = createNortechClient({ ...target, version: deps.ports.version, ...(deps.ports.log ? { log: deps.ports.log } : {}) });
    const r = await resolveRecipeRun(stored.recipe, { client, now: at, connectionId, baseDir, overwrite: true });
    if ((await exists(r.file.path)) && (await outputMismatch(r)) === null && !(await conditionsFileMissing(r)))
      return { outcome: 'skipped', path: r.file.path };
    await mkdir(dirname(r.file.path), { recursive: true });
    return { outcome: 'started', jobId: deps.service.start(r.request, r.file, r.conditions), path: r.file.path };
  }

  const scheduler = createScheduler({
    store: schedules,
    now,
    sleep: (ms) => new Promise((done) => setTimeout(done, ms).unref()),
    setTimer: (fire, ms) => {
      const timer = setTimeout(fire, ms);
      timer.unref();
      return () => clearTimeout(timer);
    },
    async run(schedule, at) {
      const outcome = await run(await recipes.get(schedule.recipeId), at);
      if (outcome.outcome === 'skipped') return;
      const status = await deps.service.wait(outcome.jobId);
      if (status.stage !== 'ready')
        throw new AppError(status.error?.kind ?? 'internal', status.error?.message ?? `The run ended ${status.stage}.`);
    },
    // Given up after its retries: the window's badge reads lastError; the desktop app also notifies.
    onFailure(schedule, at, error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.ports.notify?.('A scheduled export failed', `${new Date(at).toISOString()}: ${message}`.slice(0, 500));
      deps.ports.log?.warn('A scheduled run failed after its retries', { scheduleId: schedule.id, at, err: error });
    },
    ...(deps.ports.log ? { log: deps.ports.log } : {}),
  });

  return {
    scheduler,
    handlers: {
      'recipes.list': () => recipes.list(),
      'recipes.save': ({ id, recipe }) => recipes.save(recipe, id),
      'recipes.remove': async ({ id }) => {
        await recipes.remove(id);
        for (const s of await schedules.list()) if (s.recipeId === id) await schedules.remove(s.id);
        return null;
      },
      'recipes.run': async ({ id }) => run(await recipes.get(id), now()),
      'recipes.outside': async ({ id, scheduleId }) => {
        const stored = await recipes.get(id);
        const schedule = (await schedules.list()).find((s) => s.id === scheduleId && s.recipeId === id);
        if (!schedule) throw new AppError('not-found', 'That schedule no longer exists.');
        // Outside the app a relative output folder is read from the recipe file's folder: made absolute here.
        const recipeFile = join(deps.ports.dataDir, 'recipes', `${id}.recipe.json`);
        const recipe = { ...stored.recipe, output: { ...stored.recipe.output, folder: recipeFolder(stored.recipe, baseDir) } };
        await writeJsonFile(recipeFile, recipe);
        return { recipeFile, ...outsideRun(recipeFile, recipe.name, schedule.rule, schedule.timeZone) };
      },
      'schedules.list': () => schedules.list(),
      'schedules.save': async (input) => {
        await recipes.get(input.recipeId);
        const issue = ruleIssue(input.rule, input.timeZone);
        if (issue) throw new AppError('validation', `The schedule cannot run: ${issue}`, { fields: [{ path: 'rule', message: issue }] });
        const old = input.id === undefined ? undefined : (await schedules.list()).find((s) => s.id === input.id);
        if (input.id !== undefined && !old) throw new AppError('not-found', 'That schedule no longer exists.');
        // A changed rule or zone, or a resume, counts its runs from now: the new rule's past runs and
        // those of the paused time are not run (a catch-up is for runs missed while the app was closed).
        const restarts =
          old !== undefined &&
          (JSON.stringify(old.rule) !== JSON.stringify(input.rule) || old.timeZone !== input.timeZone || (!old.enabled && input.enabled));
        const schedule = Schedule.parse({
          ...input,
          id: old?.id ?? randomUUID(),
          createdAt: old?.createdAt ?? now(),
          ...(restarts ? { activeSince: now() } : old?.activeSince !== undefined ? { activeSince: old.activeSince } : {}),
          lastRunAt: old?.lastRunAt ?? null,
          lastError: old?.lastError ?? null,
        });
        await schedules.put(schedule);
        void scheduler.tick();
        return schedule;
      },
      'schedules.remove': async ({ id }) => {
        await schedules.remove(id);
        return null;
      },
    },
  };
}
