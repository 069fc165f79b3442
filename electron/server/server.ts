import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportsOf, type HandlerContext } from '../handlers/context';
import { dispatch } from '../handlers/dispatch';
import { eventHub, type EventHub } from '../records/eventHub';
import { streamEvents } from './eventStream';
import { checkHostAndOrigin, checkToken, guardFor, newToken, type Guard } from './guard';
import { sendJson } from './respond';
import { serveStatic } from './static';
import { BrowserFiles } from './transfers';

/** Requests are small JSON objects; the contract caps text at 10,000 characters a field. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServeOptions {
  ctx: HandlerContext;
  staticDir: string;
  port?: number;
  lang?: 'en' | 'zh';
  /** Tests may fix the token; otherwise a fresh secret per run. */
  token?: string;
  /** Where the pushes of GET /events come from; the process's hub unless a test brings its own. */
  events?: EventHub;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** The private folder of this run's downloads and uploads (removed on close). */
  filesDir: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the very same handlers as the desktop
 * app, over HTTP on 127.0.0.1 only. POST /api/<method> with a JSON body answers
 * with the same result envelope IPC returns; GET /events streams the pushes
 * IPC sends the desktop windows (eventStream.ts).
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  let guard: Guard = guardFor(token, 0);
  // Exports to download and uploads to import live in a private folder for this run only.
  // The page's exports and their downloads are one set: the handlers start them, the download route takes them.
  const exports = exportsOf(options.ctx);
  const files = new BrowserFiles(exports);
  const served: Served = { ...options, ctx: { ...options.ctx, files, exports }, files };
  const server = http.createServer((req, res) => {
    void handle(req, res, guard, served).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: nothing on the network can reach a desk's records.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard = guardFor(token, port);
  const query = new URLSearchParams({ token, ...(options.lang ? { lang: options.lang } : {}) });
  return {
    url: `http://127.0.0.1:${port}/?${query.toString()}`,
    port,
    token,
    filesDir: files.dir,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          files.close();
          resolve();
        });
      }),
  };
}

type Served = ServeOptions & { files: BrowserFiles };

/** Routes that carry records (or files of them) and so need the token, with the method each takes. */
const GUARDED = [
  { prefix: '/api/', method: 'POST' },
  { prefix: '/upload', method: 'POST' },
  { prefix: '/download/', method: 'GET' },
  { prefix: '/events', method: 'GET' },
] as const;

async function handle(req: http.IncomingMessage, res: http.ServerResponse, guard: Guard, options: Served): Promise<void> {
  const hostOk = checkHostAndOrigin(req, guard);
  if (!hostOk.ok) return refuse(res, hostOk.status, hostOk.reason);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = GUARDED.find((r) => url.pathname.startsWith(r.prefix));
  if (!route) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    return serveStatic(options.staticDir, url.pathname, res);
  }
  if (req.method !== route.method) return refuse(res, 405, 'method not allowed');
  const tokenOk = checkToken(req, guard);
  if (!tokenOk.ok) return refuse(res, tokenOk.status, tokenOk.reason);
  if (route.prefix === '/upload') return options.files.receive(req, res);
  if (route.prefix === '/download/') return options.files.send(url.pathname.slice('/download/'.length), res);
  if (route.prefix === '/events') return streamEvents(res, options.events ?? eventHub, options.ctx.session);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'JSON only');
  const body = await readBody(req);
  if (body === null) return refuse(res, 413, 'request too large');
  let request: unknown;
  try {
    request = body === '' ? {} : JSON.parse(body);
  } catch {
    return sendJson(res, { ok: false, error: { code: 'invalid_request', message: 'The request is not valid JSON.' } });
  }
  const result = await dispatch(url.pathname.slice('/api/'.length), request, options.ctx);
  sendJson(res, result);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function refuse(res: http.ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`Refused: ${reason}.`);
}
