import { z } from 'zod';

/*
 * `s3://bucket/prefix/`: where a dataset goes in object storage. The bucket as S3 names them
 * (3-63 of a-z, 0-9, dots and hyphens); the prefix, if any, always ends in `/`, so that a part's key
 * is the prefix then its own (`date=2025-01-01/part-0000.parquet`).
 */

export interface S3Location {
  bucket: string;
  /** '' or ending in '/'. */
  prefix: string;
  /** As printed and recorded: `s3://bucket/prefix/`. */
  url: string;
}

export const isS3Url = (text: string) => text.startsWith('s3://');

export const S3Url = z
  .string()
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
