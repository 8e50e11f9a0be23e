import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { AppError } from '../errors/app-error';
import { sha256OfFile } from '../exports/download/file-sha256';
import { isRecordName, type DatasetStorage, type StoredPart } from '../exports/session/dataset-storage';
import type { Logger } from '../log/logger';
import type { S3Location } from './s3-location';

/*
 * A dataset in an S3 bucket (or an S3-compatible store: MinIO, Ceph, R2 through `endpoint`). Each
 * part is uploaded to its final key with lib-storage's Upload: one PutObject, or a multipart upload
 * that S3 makes visible only at CompleteMultipartUpload, so an object is complete or absent (a
 * killed upload leaves only invisible parts, which the bucket's AbortIncompleteMultipartUpload rule
 * clears). Each object carries its SHA-256 in its metadata (`x-amz-meta-sha256`): a part that is
 * there with the same size and hash is not uploaded again, and a rerun checks a shard's record
 * against it. Credentials come from the SDK's standard chain (environment, profile, instance or
 * pod role); they are never read here, so they cannot reach a message.
 */

export interface S3StorageOptions {
  location: S3Location;
  /** An S3-compatible store's URL; path-style addressing (bucket in the path), as those expect. */
  endpoint?: string;
  /** The bucket's region when the caller names it (the window's field); else the SDK's chain below. */
  region?: string;
  /** Where the region comes from when nothing names it; the SDK's chain reads AWS_REGION and the profile. */
  env?: Readonly<Record<string, string | undefined>>;
  log?: Logger;
}

/** Multipart parts of 8 MB, 4 at a time: 32 MB in memory per upload at most (lib-storage buffers queueSize × partSize). */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;

const status = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const notFound = (error: unknown) => status(error) === 404 || ['NotFound', 'NoSuchKey'].includes((error as { name?: string }).name ?? '');

/** What went wrong with the store, said without anything of the request's signature or credentials. */
function storeError(error: unknown, what: string, where: string): AppError {
  const code = status(error);
  const name = (error as { name?: string }).name ?? 'Error';
  const refused = code === 403 || name === 'CredentialsProviderError';
  // No answer at all: the store is not reachable (a wrong --s3-endpoint, a network down).
  const kind = code === undefined && !refused ? 'network' : 'file';
  const hint = refused
    ? 'Check the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the pod or instance role) and the bucket policy.'
    : code === 404 || name === 'NoSuchBucket'
      ? 'Check the bucket name (and the endpoint, --s3-endpoint, for a store other than AWS).'
      : 'Check the endpoint (--s3-endpoint) and that the store is reachable, then try again.';
  return new AppError(kind, `Could not ${what} ${where}: ${name}${code ? ` (HTTP ${code})` : ''}.`, { hint }, { cause: error });
}

interface Sdk {
  s3: typeof import('@aws-sdk/client-s3');
  Upload: typeof import('@aws-sdk/lib-storage').Upload;
  client: S3Client;
}

export function s3DatasetStorage(options: S3StorageOptions): DatasetStorage {
  const { location, endpoint } = options;
  const env = options.env ?? process.env;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (endpoint ? 'us-east-1' : undefined);
  // The SDK is loaded by the first call to the store, not with the app: it took 26 ms of the app's
  // 470 ms start (its CPU profile), and most users never save to S3.
  let loaded: Promise<Sdk> | null = null;
  const sdk = () =>
    (loaded ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(([s3, storage]) => ({
      s3,
      Upload: storage.Upload,
      client: new s3.S3Client({
        ...(region ? { region } : {}),
        ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
        // Checksums only where S3 requires them: S3-compatible stores refuse the SDK's default trailers (CRC32 since 3.729).
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    })));
  const Bucket = location.bucket;
  const keyOf = (key: string) => `${location.prefix}${key}`;
  const url = (key: string) => `${location.url}${key}`;

  async function head(key: string): Promise<StoredPart | null> {
    try {
      const { client, s3 } = await sdk();
      const info = await client.send(new s3.HeadObjectCommand({ Bucket, Key: keyOf(key) }));
      const sha256 = info.Metadata?.sha256;
      // An object without our hash was not written by an export: as if absent (it is replaced).
      if (!sha256 || info.ContentLength === undefined) return null;
      return { file: key, bytes: info.ContentLength, sha256 };
    } catch (error) {
      if (notFound(error)) return null;
      throw storeError(error, 'look up', url(key));
    }
  }

  async function readRecord(name: string): Promise<Uint8Array | null> {
    try {
      const { client, s3 } = await sdk();
      const got = await client.send(new s3.GetObjectCommand({ Bucket, Key: keyOf(name) }));
      return got.Body ? await got.Body.transformToByteArray() : null;
    } catch (error) {
      if (notFound(error)) return null;
      throw storeError(error, 'read the record', url(name));
    }
  }

  /** Every key under the prefix, relative to it (pages of 1,000). */
  async function listed(): Promise<string[]> {
    const keys: string[] = [];
    let ContinuationToken: string | undefined;
    try {
      const { client, s3 } = await sdk();
      do {
        const page = await client.send(new s3.ListObjectsV2Command({ Bucket, Prefix: location.prefix, ContinuationToken }));
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(location.prefix.length));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    } catch (error) {
      throw storeError(error, 'list', location.url);
    }
    return keys;
  }

  return {
    location: location.url,
    async prepare() {
      try {
        const { client, s3 } = await sdk();
        await client.send(new s3.HeadBucketCommand({ Bucket }));
      } catch (error) {
        throw storeError(error, 'reach the bucket of', location.url);
      }
    },
    async putPart(key, file) {
      const bytes = (await stat(file)).size;
      const sha256 = await sha256OfFile(file);
      const there = await head(key);
      if (!there || there.bytes !== bytes || there.sha256 !== sha256) {
        try {
          const { client, Upload } = await sdk();
          await new Upload({
            client,
            params: {
              Bucket,
              Key: keyOf(key),
              Body: createReadStream(file),
              ContentType: 'application/vnd.apache.parquet',
              Metadata: { sha256 },
            },
            partSize: PART_SIZE,
            queueSize: QUEUE_SIZE,
          }).done();
        } catch (error) {
          throw storeError(error, 'upload', url(key));
        }
        options.log?.debug('Dataset part uploaded', { key: url(key), bytes });
      }
      await rm(file, { force: true });
      return { file: key, bytes, sha256 };
    },
    part: head,
    async putRecord(name, data) {
      try {
        const sha256 = createHash('sha256').update(data).digest('hex');
        const { client, s3 } = await sdk();
        await client.send(
          new s3.PutObjectCommand({ Bucket, Key: keyOf(name), Body: data, ContentType: 'application/json', Metadata: { sha256 } }),
        );
      } catch (error) {
        throw storeError(error, 'put the record', url(name));
      }
    },
    record: readRecord,
    async records() {
      const names = (await listed()).filter(isRecordName).sort();
      const out: { name: string; data: Uint8Array }[] = [];
      for (const name of names) {
        const data = await readRecord(name);
        if (data) out.push({ name, data });
      }
      return out;
    },
    async clear() {
      // Ours only: the records at the top and the `date=…` partitions, nothing else under the prefix.
      const ours = (await listed()).filter((k) => isRecordName(k) || /^date=\d{4}-\d{2}-\d{2}\//.test(k));
      for (let i = 0; i < ours.length; i += 1000) {
        const Objects = ours.slice(i, i + 1000).map((k) => ({ Key: keyOf(k) }));
        try {
          const { client, s3 } = await sdk();
          await client.send(new s3.DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
        } catch (error) {
          throw storeError(error, 'remove the dataset at', location.url);
        }
      }
    },
  };
}
