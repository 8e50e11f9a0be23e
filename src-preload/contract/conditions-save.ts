import { z } from 'zod';
import { call } from './define';
import { JobId, SaveFormat, SaveOutcome } from './exports';
import { IanaTimeZone } from './bounds';

/*
 * "Save conditions…": a ready export's condition periods as one file of their own, one row a period
 * (the command line's `--conditions-output`: `timestamp` its start, then `condition`, `end`,
 * `duration_s`, `min`, `max`, `mean`, `ended_by`), in any saved format. Written from the job's
 * periods in the cache (the ones the preview shows), so nothing is asked of Nortech again.
 */

export const SaveConditionsOptions = z.object({
  jobId: JobId,
  format: SaveFormat,
  /** The zone of the `timestamp` column in csv, json and Excel (`end` is always UTC); `UTC` by default. */
  timeZone: IanaTimeZone.default('UTC'),
});
export type SaveConditionsOptions = z.infer<typeof SaveConditionsOptions>;

export const conditionsSaveCalls = {
  'exports.saveConditions': call(
    "Save a ready job's condition periods as one file: the main process asks where with its own dialog (browser mode: a download).",
    SaveConditionsOptions,
    SaveOutcome,
  ),
};
