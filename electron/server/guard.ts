import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browser mode's gate. Another web page open in the same browser must neither
 * read nor write records:
 * - Host must name this loopback server (a DNS-rebinding page arrives with its own host name);
 * - Origin, when sent, must be this server (a cross-site fetch carries its own origin);
 * - API calls carry the per-run secret token from the printed URL in a custom
 *   header, which a cross-origin page cannot set without a preflight this server never grants.
 */
export interface Guard {
  token: string;
  allowedHosts: Set<string>;
}

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function guardFor(token: string, port: number): Guard {
  return { token, allowedHosts: new Set([`127.0.0.1:${port}`, `localhost:${port}`]) };
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function checkHostAndOrigin(req: IncomingMessage, guard: Guard): Verdict {
  const host = req.headers.host ?? '';
  if (!guard.allowedHosts.has(host)) return { ok: false, status: 403, reason: 'unexpected Host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !guard.allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
    return { ok: false, status: 403, reason: 'cross-origin request' };
  }
  return { ok: true };
}

export function checkToken(req: IncomingMessage, guard: Guard): Verdict {
  const sent = req.headers['x-hotline-token'];
  if (typeof sent !== 'string') return { ok: false, status: 401, reason: 'token missing' };
  const a = Buffer.from(sent);
  const b = Buffer.from(guard.token);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return { ok: false, status: 401, reason: 'wrong token' };
  return { ok: true };
}
