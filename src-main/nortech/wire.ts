import { z } from 'zod';

/*
 * Nortech's wire format: every answer Signal Explorer reads, as zod schemas. Objects are loose
 * (`z.object` strips unknown keys) so a field Nortech adds later does not break us; the fields we
 * use are checked strictly. Where the brief (sync-endpoint.txt) and the OpenAPI differ, both
 * shapes are accepted.
 */

const Id = z.number().int().positive();
const NullableText = z.string().nullable().optional();
const Ref = z.object({ id: Id, name: z.string() });

export const WireDataType = z.enum(['float', 'boolean', 'string', 'json']);

export const WireWorkspace = z.object({ id: Id, name: z.string(), description: NullableText });
export const WireAsset = z.object({ id: Id, name: z.string(), description: NullableText });
export const WireDivision = z.object({ id: Id, name: z.string(), description: NullableText });
export const WireUnit = z.object({ id: Id, name: z.string() });
export type WireWorkspace = z.infer<typeof WireWorkspace>;
export type WireAsset = z.infer<typeof WireAsset>;
export type WireDivision = z.infer<typeof WireDivision>;
export type WireUnit = z.infer<typeof WireUnit>;

export const WireSignal = z.object({
  id: Id,
  name: z.string(),
  physicalUnit: z.string(),
  dataType: WireDataType,
  description: NullableText,
  longDescription: NullableText,
  workspace: Ref,
  asset: Ref,
  division: Ref,
  unit: Ref,
});
export type WireSignal = z.infer<typeof WireSignal>;

/** A list answer: one page, and the token of the next one (absent on the last). */
export function wirePage<T extends z.ZodType>(item: T) {
  return z.object({
    size: z.number().int().nonnegative(),
    data: z.array(item),
    next: z.object({ token: z.string().min(1), href: z.string().optional() }).nullish(),
  });
}

export const WireMe = z.object({
  username: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  roles: z.array(z.string()),
});

/** A signal named by its path, with the column name it should get (`rename`). */
export const WireSignalSearch = z.object({
  workspace: z.string(),
  asset: z.string(),
  division: z.string(),
  unit: z.string(),
  signal: z.string(),
  rename: z.string().max(127).optional(),
});
export type WireSignalSearch = z.infer<typeof WireSignalSearch>;

/** The API never mixes IDs and search JSON in one request. */
export const WireSignals = z.union([z.array(Id).min(1), z.array(WireSignalSearch).min(1)]);
export type WireSignals = z.infer<typeof WireSignals>;

export const WireFormat = z.enum(['parquet', 'json', 'csv']);
export type WireFormat = z.infer<typeof WireFormat>;

export interface WireDataRequest {
  signals: WireSignals;
  timeWindow: { start: string; end: string };
  format: WireFormat;
}

export const WireFinished = z.object({ requestId: Id, status: z.literal('Finished'), outputFile: z.string().min(1) });
export const WireRunning = z.object({ requestId: Id, status: z.literal('Running'), outputFile: z.string().optional() });
/** The brief's failure (HTTP 500, and the async status answer). */
export const WireFailedFlat = z.object({
  requestId: Id.optional(),
  status: z.literal('Failed'),
  error: z.string(),
});
/** The OpenAPI's failure (HTTP 503). */
export const WireFailedNested = z.object({
  status: z.literal('Failed'),
  details: z.object({ requestId: Id.optional(), error: z.string() }),
});
export const WireFailed = z.union([WireFailedFlat, WireFailedNested]);
export type WireFinished = z.infer<typeof WireFinished>;
export type WireFailed = z.infer<typeof WireFailed>;

/** What the async call and the request-status call answer with 200. */
export const WireRequestState = z.discriminatedUnion('status', [WireFinished, WireRunning, WireFailedFlat]);
export type WireRequestState = z.infer<typeof WireRequestState>;

/** 400: the brief lists each problem with where it is; the OpenAPI gives one string. */
export const WireValidationError = z.union([
  z.object({
    status: z.literal('Validation Error'),
    errors: z.array(z.object({ error: z.string(), location: z.string().optional() })),
  }),
  z.object({ status: z.literal('Validation Error'), details: z.string() }),
]);

export const WireUnauthorized = z.object({ status: z.literal('Unauthorized') });

export const WireSignalsNotFound = z.object({
  status: z.literal('Signals not found'),
  details: z.object({ signals: z.array(z.unknown()) }),
});
export const WireDataNotFound = z.object({ status: z.literal('Signal Data not found') });

/** Any other `{"status": "Workspace not found"}`-style answer. */
export const WireStatusOnly = z.object({ status: z.string() });

/** A point of `POST /api/v1/live-data/points`: its instant, and its value (a json signal's is an object). */
export const WireLivePoint = z.object({
  timestamp: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'Expected a date-time'),
  value: z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown()), z.null()]),
});
/** The live answer: one point per signal that has one, keyed by the signal's ID (or its rename). */
export const WireLivePoints = z.record(z.string(), WireLivePoint);
export type WireLivePoints = z.infer<typeof WireLivePoints>;
