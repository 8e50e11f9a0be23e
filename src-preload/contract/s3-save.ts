import { z } from 'zod';
import { call } from './define';
import { JobId } from './exports';
import { Values } from './aggregation';
import { LIMITS, oneLine } from './bounds';

/*
 * "Save to S3": a ready job's rows as a Hive dataset (parquet by UTC day, as `--layout dataset
 * --output s3://…` writes) in a bucket of S3 or of an S3-compatible store. Credentials are never
 * part of the call: the main process takes them from the AWS SDK's standard chain (environment,
 * profile, instance or pod role), as the command line does.
 */

/** `s3://bucket/prefix/` read: the bucket, and the prefix ('' or ending in '/'). */
export interface S3Location {
  bucket: string;
  /** '' or ending in '/'. */
  prefix: string;
  /** As printed and recorded: `s3://bucket/prefix/`. */
  url: string;
}

export const isS3Url = (text: string) => text.startsWith('s3://');

/** The bucket as S3 names them (3-63 of a-z, 0-9, dots and hyphens); no empty, "." or ".." segment in the prefix. */
export const S3Url = z
  .string()
  .max(1024, 'An S3 key is at most 1024 characters')
  .regex(/^s3:\/\/[^/]+(\/.*)?$/, 'expected s3://bucket/prefix/')
  .transform((text, ctx): S3Location => {
    const [bucket = '', ...rest] = text.slice('s3://'.length).split('/');
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      ctx.addIssue({ code: 'custom', message: `"${bucket}" is not a bucket name (3-63 of a-z, 0-9, "." and "-")` });
      return z.NEVER;
    }
    const path = rest.filter((p) => p !== '').join('/');
    if (rest.some((p, i) => p === '' && i < rest.length - 1) || /(^|\/)\.\.?(\/|$)/.test(path)) {
      ctx.addIssue({ code: 'custom', message: 'the prefix may not hold empty, "." or ".." segments' });
      return z.NEVER;
    }
    const prefix = path ? `${path}/` : '';
    return { bucket, prefix, url: `s3://${bucket}/${prefix}` };
  });

/** An S3-compatible store's address (MinIO, Ceph, R2): http(s), without credentials in it. */
export const S3Endpoint = oneLine(LIMITS.url)
  .refine((t) => /^https?:\/\/[^/@\s]+(\/.*)?$/.test(t) && URL.canParse(t), 'expected http(s)://host:port, without user or password')
  .optional();

export const S3Region = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'a region like eu-west-1 (auto for R2)')
  .optional();

export const SaveToS3Options = z.object({
  jobId: JobId,
  url: S3Url,
  endpoint: S3Endpoint,
  region: S3Region,
  /** The dataset's values when they differ from the export's (as Save…'s Values). */
  values: Values.optional(),
});

export const SavedToS3 = z.object({
  /** `s3://bucket/prefix/`, as saved. */
  url: z.string(),
  /** Parquet objects put (`date=YYYY-MM-DD/part-NNNN.parquet`). */
  parts: z.number().int().nonnegative(),
  /** The export record's URL (`…/export.json`), put last. */
  record: z.string(),
  /** Of the parquet objects together. */
  bytes: z.number().int().nonnegative(),
});
export type SavedToS3 = z.infer<typeof SavedToS3>;

export const s3SaveCalls = {
  'exports.saveToS3': call(
    "Save a ready job's data as a dataset (parquet by UTC day) under an s3:// URL; credentials from the AWS chain of the main process.",
    SaveToS3Options,
    SavedToS3,
  ),
};
