import { z } from 'zod';
import { isValidTimeZone } from './time-expressions';

/*
 * Bounds and character checks for text and lists that cross the bridge, shared by every contract
 * file. Everything the app stores (connections, selections, history) or sends on (API keys in a
 * header, names in a URL) goes through one of these, so that bad input is refused at the door with
 * a message on its field instead of failing later, deep inside, or growing a file without end.
 */

export const LIMITS = {
  /** A name of the catalog (workspace … signal), a connection's or a selection's. */
  name: 255,
  physicalUnit: 64,
  /** Nortech's descriptions; longer ones are cut when read from the API (nortech/to-domain.ts). */
  description: 2_000,
  longDescription: 10_000,
  /** An ID of ours (connection, selection, job, history entry): a UUID, or `demo`. */
  id: 64,
  url: 2_048,
  apiKey: 4_096,
  /** A time as the user wrote it: ISO 8601 or `now-7d+6h`. */
  timeText: 64,
  timeZone: 64,
  /** Signals of one request or selection. */
  signals: 500,
  /** A path on disk (exports.showInFolder). */
  path: 4_096,
} as const;

/** In JavaScript's u-mode a surrogate class matches only halves that have no partner. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** C0 and C1 controls, DEL, and the line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

export const isWellFormed = (text: string) => !LONE_SURROGATE.test(text);
export const hasControl = (text: string) => CONTROL.test(text);

export const MESSAGES = {
  broken: 'Holds a broken character (half of a UTF-16 pair): retype it',
  control: 'No line breaks, tabs or other control characters',
  at: (max: number) => `At most ${max} characters`,
  items: (max: number) => `At most ${max} items`,
  timeZone: 'Unknown time zone: use an IANA name like Europe/Lisbon, or UTC',
} as const;

/** Text of at most `max` characters, whole characters only (it may hold line breaks: descriptions). */
export const boundedText = (max: number) => z.string().max(max, MESSAGES.at(max)).refine(isWellFormed, MESSAGES.broken);

/** One line of at most `max` characters: names, IDs, times, zones. */
export const oneLine = (max: number) => boundedText(max).refine((t) => !hasControl(t), MESSAGES.control);

/** Text cut to at most `max` characters, ending in `…` when cut, never in half a character. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

/** A list of at most `max` items. */
export const boundedList = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, MESSAGES.items(max));

/** An ID of ours. */
export const OwnId = oneLine(LIMITS.id).min(1, 'Required');

/** A zone Intl knows (`UTC`, `Europe/Lisbon`); with `local` only where the window's own zone is meant. */
export const IanaTimeZone = oneLine(LIMITS.timeZone)
  .min(1, MESSAGES.timeZone)
  .refine((tz) => tz !== 'local' && isValidTimeZone(tz), MESSAGES.timeZone);
export const WindowTimeZone = oneLine(LIMITS.timeZone).min(1, MESSAGES.timeZone).refine(isValidTimeZone, MESSAGES.timeZone);
