import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { takeOne } from '../faults';
import { parseRange } from './byte-range';
import { FILES_PREFIX } from './file-store';
import { sendBody } from './send-body';
import { hasQueryAuth, verifySignedPath } from './signed-url';

/*
 * The file host: GET/HEAD /files/{key}?X-Amz-... answers like an S3 bucket behind pre-signed
 * URLs: XML errors, 403 for unsigned/tampered/expired URLs, 400 when an Authorization header
 * comes along with the query signature, 404 for a key that does not exist (yet, or any more),
 * Range requests (206/416), Content-Length, ETag (the MD5), Last-Modified.
 */

const CONTENT_TYPES = { parquet: 'application/vnd.apache.parquet', csv: 'text/csv; charset=utf-8', json: 'application/json' };

// S3's own words.
const ONE_AUTH_ONLY =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter ' +
  'or the Authorization header should be specified';

const keySchema = z.string().regex(/^[\w-]+\/\d{3}\.(parquet|csv|json)$/);

export function registerFileHost(app: FastifyInstance, ctx: EmulatorContext): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: `${FILES_PREFIX}*`,
    handler: async (req, reply) => {
      const { files } = ctx;
      await files.sweep();
      const path = req.url.split('?', 1)[0] ?? '';
      if (req.headers.authorization !== undefined && hasQueryAuth(req.query)) {
        return s3Error(reply, 400, 'InvalidArgument', ONE_AUTH_ONLY);
      }
      const verdict = verifySignedPath(files.secretKey, path, req.query, ctx.now());
      if (verdict === 'unsigned') return s3Error(reply, 403, 'AccessDenied', 'Access Denied');
      if (verdict === 'bad-signature')
        return s3Error(
          reply,
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided.',
        );
      const key = keySchema.safeParse(decodeURIComponent(path.slice(FILES_PREFIX.length)));
      if (verdict === 'expired' || (key.success && files.isExpiredEarly(key.data))) {
        return s3Error(reply, 403, 'AccessDenied', 'Request has expired');
      }
      const file = key.success ? files.get(key.data) : undefined;
      if (!file?.ready) return s3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.');
      const { bytes, etag, lastModifiedMs } = file.ready;

      const headers: Record<string, string | number> = {
        'content-type': CONTENT_TYPES[file.format],
        'accept-ranges': 'bytes',
        etag,
        'last-modified': new Date(lastModifiedMs).toUTCString(),
      };
      if (req.headers['if-none-match'] === etag) return reply.code(304).headers(headers).send();

      // If-Range with another ETag: the client's partial copy is stale, send the whole file.
      const ifRange = req.headers['if-range'];
      const range = ifRange && ifRange !== etag ? { kind: 'full' as const } : parseRange(req.headers.range, bytes);
      if (range.kind === 'unsatisfiable') {
        reply.header('content-range', `bytes */${bytes}`);
        return s3Error(reply, 416, 'InvalidRange', 'The requested range is not satisfiable');
      }
      const start = range.kind === 'partial' ? range.start : 0;
      const end = range.kind === 'partial' ? range.end : bytes - 1;
      headers['content-length'] = end - start + 1;
      if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${bytes}`;
      const status = range.kind === 'partial' ? 206 : 200;

      // Raw response from here on: the body faults need the socket.
      reply.hijack();
      const res = reply.raw;
      res.writeHead(status, headers);
      if (req.method === 'HEAD' || bytes === 0) return void res.end();
      const { faults } = ctx;
      // The one-off cut (half the body asked for) and the standing one: whichever comes first.
      const cuts = [faults.cutDownloadAfterBytes, takeOne(faults, 'cutDownloadsNext') ? Math.floor((end - start + 1) / 2) : null];
      const cutAfterBytes = cuts.reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.min(a, b)), null);
      await sendBody(res, createReadStream(file.path, { start, end }), { cutAfterBytes, bytesPerSec: faults.slowBodyBytesPerSec });
    },
  });
}

function s3Error(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return reply.code(status).type('application/xml').send(xml);
}
