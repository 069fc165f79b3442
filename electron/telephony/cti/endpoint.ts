import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallEvent, CallSource } from '../../../shared/telephony/callEvents';
import { describeError, log } from '../../log';
import { CallMemory, DEFAULT_CALL_MEMORY } from './callMemory';
import { isLoopback, sourceCheckFor } from './sourceAddresses';
import { toCallEvent } from './toCallEvent';
import { bodyKindOf, parseFormPush, parseJsonPush, type Parsed } from './zammadFormat';

/** A push is a dozen short fields; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

/** Zammad's own path shape (/api/v1/cti/<token>) and a short one, so a bridge written for Zammad needs only the host changed. */
const PATHS = [/^\/api\/v1\/cti\/([^/]+)\/?$/, /^\/cti\/([^/]+)\/?$/];

export interface CtiEndpointOptions {
  /** Where to listen: 127.0.0.1 unless an admin binds it to the desk's LAN address. */
  host?: string;
  /** 0 takes any free port (the first start; the desk then keeps the one it got). */
  port: number;
  /** The secret in the URL path, as Zammad's endpoint has one. */
  token: string;
  /** Off loopback: the source addresses or networks the PBX pushes from. */
  allowFrom?: readonly string[];
  /** Each push, as the desk's call event. The reply waits for it; a throw is a 500 (the PBX may retry). */
  onEvent(event: CallEvent): void | Promise<void>;
  /** The PBX's name in each event's source. */
  name?: string;
  now?: () => number;
  memoryLimit?: number;
}

export interface RunningCtiEndpoint {
  host: string;
  port: number;
  /** Calls the endpoint remembers now (bounded by memoryLimit). */
  trackedCalls(): number;
  close(): Promise<void>;
}

/**
 * The generic CTI push endpoint in Zammad's format: `POST /cti/<token>` or
 * `POST /api/v1/cti/<token>`, a JSON or form body (zammadFormat.ts), answered
 * with `{}` as Zammad answers. The same function serves the desktop app and
 * browser mode. Refusals, in the order checked:
 * - a source address not allowed (sourceAddresses.ts): 403;
 * - on loopback, a Host that is not this endpoint (a DNS-rebinding page): 403;
 * - an Origin header, unless it is this endpoint's own (a web page's fetch): 403;
 * - a wrong path or token: 404, the same answer as a path that does not exist;
 * - not POST: 405; another body type: 415; a body over 64 KiB: 413;
 * - a push that is not Zammad's format: 400 with one line saying why.
 * No reply and no log line quotes what was sent, and the token is never logged.
 */
export async function startCtiEndpoint(options: CtiEndpointOptions): Promise<RunningCtiEndpoint> {
  const host = options.host ?? '127.0.0.1';
  const sources = sourceCheckFor(host, options.allowFrom ?? []);
  const memory = new CallMemory(options.memoryLimit ?? DEFAULT_CALL_MEMORY);
  const source: CallSource = { system: 'cti', pbx: options.name ?? 'cti' };
  const now = options.now ?? Date.now;
  const token = Buffer.from(options.token);
  let ownHosts = new Set<string>();

  const server = http.createServer((req, res) => {
    void answer(req).then(
      ({ status, body }) => reply(res, status, body),
      (error: unknown) => {
        log.error(`CTI endpoint: a push failed: ${describeError(error)}`);
        reply(res, 500, 'the desk could not take this push');
      },
    );
  });

  async function answer(req: http.IncomingMessage): Promise<{ status: number; body: string }> {
    if (!sources.allows(req.socket.remoteAddress)) return refusal(403, 'this source address may not push calls');
    if (isLoopback(host) && !ownHosts.has(req.headers.host ?? '')) return refusal(403, 'unexpected Host');
    const origin = req.headers.origin;
    if (origin !== undefined && !ownHosts.has(origin.replace(/^https?:\/\//, ''))) return refusal(403, 'cross-origin request');
    const path = new URL(req.url ?? '/', 'http://endpoint').pathname;
    const sent = PATHS.map((p) => p.exec(path)?.[1]).find((t) => t !== undefined);
    if (sent === undefined || !sameToken(sent)) return refusal(404, 'not found');
    if (req.method !== 'POST') return refusal(405, 'POST only');
    const kind = bodyKindOf(req.headers['content-type']);
    if (kind === null) return refusal(415, 'the body must be JSON or form-encoded');
    const body = await readBody(req);
    if (body === null) return refusal(413, 'the body is too large');
    const parsed = await parse(kind, body, req.headers['content-type'] ?? '');
    if (!parsed.ok) return refusal(400, parsed.reason);
    await options.onEvent(toCallEvent(parsed.push, memory, now(), source));
    return { status: 200, body: '{}' };
  }

  function sameToken(sent: string): boolean {
    let a: Buffer;
    try {
      a = Buffer.from(decodeURIComponent(sent));
    } catch {
      return false;
    }
    return a.length === token.length && crypto.timingSafeEqual(a, token);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const names = isLoopback(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  ownHosts = new Set(names.map((name) => `${name}:${port}`));
  return {
    host,
    port,
    trackedCalls: () => memory.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function parse(kind: 'json' | 'form' | 'multipart', body: Buffer, contentType: string): Promise<Parsed> {
  if (kind === 'json') return parseJsonPush(body.toString('utf8'));
  if (kind === 'form') return parseFormPush(new URLSearchParams(body.toString('utf8')));
  // multipart/form-data, as Zammad's own curl examples send (--form): the platform's parser.
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    return parseFormPush([...form.entries()].flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as [string, string]] : [])));
  } catch {
    return { ok: false, reason: 'the form body cannot be read' };
  }
}

function refusal(status: number, reason: string): { status: number; body: string } {
  // A refusal says why in one line; it never says what was sent. Refused pushes are not logged one by one:
  // a misconfigured PBX retrying would fill the log.
  return { status, body: `Refused: ${reason}.` };
}

function reply(res: http.ServerResponse, status: number, body: string): void {
  const type = status === 200 ? 'application/json' : 'text/plain; charset=utf-8';
  res.writeHead(status, { 'content-type': type }).end(body);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
