import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputFormat } from '../../output/produce-file';
import { signPath } from './signed-url';

/*
 * The output files of data requests and their expiry, like objects in a bucket with a lifecycle
 * rule: each request's file gets a key, a signed URL valid for the TTL, and is deleted when the
 * URL expires (checked on every file-host request and by a timer).
 */

export const FILES_PREFIX = '/files/';

export interface StoredFile {
  key: string;
  /** Absolute path on disk. */
  path: string;
  format: OutputFormat;
  /** The signed path + query, minus origin. */
  signedPath: string;
  expiresAtMs: number;
  /** Set once the file is completely written. */
  ready: { bytes: number; etag: string; lastModifiedMs: number } | null;
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  /** Keys whose URLs were ended before their lifetime (a fault, or Emulator.expireUrls()). */
  private readonly expiredEarly = new Set<string>();
  private readonly secret = randomBytes(32);
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly dir: string,
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly customerId: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.timer = setInterval(() => void this.sweep(), Math.min(Math.max(ttlMs, 1000), 60_000));
    this.timer.unref();
  }

  get secretKey(): Buffer {
    return this.secret;
  }

  /** Claims a key and a signed URL for a request's file (written later). */
  reserve(requestId: number, format: OutputFormat): StoredFile {
    const issuedAt = this.now();
    const lifetimeS = Math.max(1, Math.ceil(this.ttlMs / 1000));
    // Like production's "User-10-1713999600/000.parquet", plus the request ID to stay unique.
    const folder = `User-${this.customerId}-${Math.floor(issuedAt / 1000)}-${requestId}`;
    const key = `${folder}/000.${format}`;
    const file: StoredFile = {
      key,
      path: join(this.dir, `${folder}-000.${format}`),
      format,
      signedPath: signPath(this.secret, `${FILES_PREFIX}${key}`, issuedAt, lifetimeS),
      // The same instant the signature expires at: X-Amz-Date is whole seconds.
      expiresAtMs: Math.floor(issuedAt / 1000) * 1000 + lifetimeS * 1000,
      ready: null,
    };
    this.files.set(key, file);
    return file;
  }

  markReady(file: StoredFile, bytes: number, md5: string): void {
    file.ready = { bytes, etag: `"${md5}"`, lastModifiedMs: this.now() };
  }

  /** The live (not yet removed) file with this key. */
  get(key: string): StoredFile | undefined {
    return this.files.get(key);
  }

  async remove(file: StoredFile): Promise<void> {
    this.files.delete(file.key);
    await rm(file.path, { force: true });
  }

  /** Ends a file's URL now, before its lifetime; the file goes at the next sweep once written. */
  expire(file: StoredFile): void {
    this.expiredEarly.add(file.key);
  }

  /** Ends every URL handed out so far. */
  expireAll(): void {
    for (const file of this.files.values()) this.expire(file);
  }

  /** Whether the key's URL was ended early (it stays so after its file is gone). */
  isExpiredEarly(key: string): boolean {
    return this.expiredEarly.has(key);
  }

  /** Deletes every expired file (a file being written is left to its production). */
  async sweep(): Promise<void> {
    const now = this.now();
    const expired = [...this.files.values()].filter((f) => f.expiresAtMs < now || (f.ready !== null && this.expiredEarly.has(f.key)));
    await Promise.all(expired.map((f) => this.remove(f)));
  }

  close(): void {
    clearInterval(this.timer);
  }
}
