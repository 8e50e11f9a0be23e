import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/*
 * A real S3-compatible server for tests and the bench: s3rver on 127.0.0.1, its objects in a
 * temporary folder, one bucket made. It checks the access key (S3RVER) but not v4 signatures, so a
 * test may give any secret and look for it where it must never be.
 */

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** The environment the AWS SDK's default chain reads, for a child process or this one. */
  env: Record<string, string>;
  /** Every object under `prefix`, by key relative to it, with its SHA-256. */
  objects(prefix: string): Promise<Map<string, string>>;
  read(key: string): Promise<Buffer>;
  close(): Promise<void>;
}

export const TEST_SECRET = 'fleet-test-secret-7f3a9c1e5b';

export async function startS3Server(bucket = 'fleet'): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'se-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: TEST_SECRET, AWS_REGION: 'us-east-1' };
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const read = async (key: string) => {
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await got.Body!.transformToByteArray());
  };
  return {
    endpoint,
    bucket,
    env,
    read,
    async objects(prefix) {
      const found = new Map<string, string>();
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? [])
          found.set(
            o.Key!.slice(prefix.length),
            createHash('sha256')
              .update(await read(o.Key!))
              .digest('hex'),
          );
        token = page.NextContinuationToken;
      } while (token);
      return found;
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
