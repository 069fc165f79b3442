import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ApiResult } from '../../shared/api/result';
import { UPLOAD_ID } from '../../shared/api/archive';
import { HotlineError } from '../../shared/api/result';
import type { FileHost } from '../handlers/context';
import type { ExportJobs } from '../records/exportJobs';
import { sendJson } from './respond';
import { refuse } from '../../shared/i18n/refusals';

/** A year of a busy desk exports to about 30 MiB of xlsx; a quarter of a GiB leaves room and still bounds the disk a page can fill. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/**
 * Browser mode's files. The page cannot hand the server a path, nor be handed
 * one: an export is written into a private temporary folder (0700, files 0600)
 * and downloaded once by the page, then deleted; an import is uploaded into it
 * and deleted once imported. A "Check first" keeps the upload for the import
 * that may follow, until that check lapses (handlers/importChecks.ts). Everything
 * left is removed when the server stops, so customer data does not linger in
 * the temporary folder.
 */
export class BrowserFiles implements FileHost {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-files-'));
  private readonly uploadNames = new Map<string, string>();

  /** `exports`: the handler context's export jobs, whose finished files this run downloads. */
  constructor(private readonly exports: ExportJobs) {
    fs.chmodSync(this.dir, 0o700);
  }

  async exportTarget(suggestedName: string): Promise<{ file: string; download: boolean }> {
    // A folder per export keeps the file's own name (the download's name) without clashes.
    const folder = path.join(this.dir, `export-${randomBytes(9).toString('base64url')}`);
    fs.mkdirSync(folder, { mode: 0o700 });
    return { file: path.join(folder, suggestedName), download: true };
  }

  async importSource(upload: string | undefined): Promise<{ file: string; fileName: string }> {
    if (upload === undefined) throw refuse('upload_missing');
    const file = path.join(this.dir, upload);
    if (!fs.existsSync(file)) throw new HotlineError('not_found', 'That upload is gone; choose the file again.');
    return { file, fileName: this.uploadNames.get(upload) ?? upload };
  }

  imported(file: string): void {
    this.uploadNames.delete(path.basename(file));
    fs.rmSync(file, { force: true });
  }

  /** POST /upload?name=<the file's name>: the body, streamed to a private file. Answers with the upload's handle. */
  async receive(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const name = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? '';
    const ext = /\.(xlsx|csv)$/i.exec(name)?.[1]?.toLowerCase();
    if (!ext) return sendJson(res, { ok: false, error: { code: 'file_unreadable', message: 'Choose an .xlsx or .csv file.' } });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES) return sendJson(res, tooLarge());
    const upload = `${randomBytes(18).toString('base64url')}.${ext}`;
    if (!UPLOAD_ID.test(upload)) throw new Error('upload id out of shape');
    const file = path.join(this.dir, upload);
    let size = 0;
    try {
      await pipeline(
        req,
        async function* limit(source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > MAX_UPLOAD_BYTES) throw new UploadTooLarge();
            yield chunk;
          }
        },
        fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }),
      );
    } catch (error) {
      fs.rmSync(file, { force: true });
      if (error instanceof UploadTooLarge) return sendJson(res, tooLarge());
      throw error;
    }
    this.uploadNames.set(upload, path.basename(name));
    sendJson(res, { ok: true, value: { upload } });
  }

  /** GET /download/<job>: a finished export, once; the file is deleted after it was sent. */
  async send(jobId: string, res: http.ServerResponse): Promise<void> {
    const found = this.exports.takeDownload(jobId);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No such export, or it was already downloaded.');
      return;
    }
    const type = found.fileName.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    res.writeHead(200, {
      'content-type': type,
      'content-length': fs.statSync(found.file).size,
      'content-disposition': `attachment; filename="${found.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
      'cache-control': 'no-store',
    });
    try {
      await pipeline(fs.createReadStream(found.file), res);
    } finally {
      fs.rmSync(path.dirname(found.file), { recursive: true, force: true });
    }
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

class UploadTooLarge extends Error {}

const tooLarge = (): ApiResult<never> => ({
  ok: false,
  error: { code: 'file_unreadable', message: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB; import it with hotline import instead.` },
});
