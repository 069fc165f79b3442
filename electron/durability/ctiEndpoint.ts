import crypto from 'node:crypto';
import { readSettings, updateSettings } from './settings';

/**
 * Where the desk keeps its CTI endpoint's address and secret (issue 15): in the
 * settings file beside the database (mode 0600), so that a PBX or softphone
 * configured once keeps working across restarts, and `hotline cti` on the same
 * computer finds the running endpoint. The token is made once, at the first
 * start, and never logged; the port is the one the first start got.
 *
 * An admin binds the endpoint off loopback by setting `ctiHost` to the desk's
 * LAN address and listing the PBX's addresses in `ctiAllowFrom` (the Telephony card).
 */
export interface CtiEndpointSettings {
  host: string;
  /** null until the endpoint first ran. */
  port: number | null;
  token: string | null;
  allowFrom: string[];
  /**
   * The phone system's name in the calls this endpoint takes (`ctiPbx`): a call is one call by
   * (name, callId), on this desk and on the team server. Unset: this desk's own (`cti:<desk code>`),
   * so two desks' softphones that reuse short call ids are never taken for one call. Desks fed by one
   * bridge of one PBX set the same name, so that a queue's missed call is kept once for the team.
   */
  pbxName: string | null;
}

export function readCtiEndpoint(dbFile: string): CtiEndpointSettings {
  const s = readSettings(dbFile);
  const port = s.ctiPort;
  const allowFrom = Array.isArray(s.ctiAllowFrom) ? s.ctiAllowFrom.filter((a): a is string => typeof a === 'string') : [];
  return {
    host: typeof s.ctiHost === 'string' && s.ctiHost !== '' ? s.ctiHost : '127.0.0.1',
    port: typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
    token: typeof s.ctiToken === 'string' && s.ctiToken.length >= 16 ? s.ctiToken : null,
    allowFrom,
    pbxName: typeof s.ctiPbx === 'string' && s.ctiPbx.trim() !== '' ? s.ctiPbx.trim() : null,
  };
}

/** A fresh endpoint secret: 32 random bytes, URL-safe (it is a path segment). */
export function newCtiToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Keeps the port and token the endpoint runs with, writing only what changed. */
export function keepCtiEndpoint(dbFile: string, running: { port: number; token: string }): void {
  const kept = readCtiEndpoint(dbFile);
  if (kept.port === running.port && kept.token === running.token) return;
  updateSettings(dbFile, { ctiPort: running.port, ctiToken: running.token });
}

/** What the Telephony card changes of the endpoint; a value left undefined stays as it was. */
export interface CtiListeningChanges {
  ctiHost?: string;
  ctiAllowFrom?: string[];
  ctiPort?: number;
}

/** Keeps where the endpoint listens and whom it takes (the card has checked them); the token is never touched, so a PBX keeps its URL's secret. */
export function keepCtiListening(dbFile: string, changes: CtiListeningChanges): void {
  const next: Record<string, unknown> = {};
  if (changes.ctiHost !== undefined) next.ctiHost = changes.ctiHost;
  if (changes.ctiAllowFrom !== undefined) next.ctiAllowFrom = changes.ctiAllowFrom;
  if (changes.ctiPort !== undefined) next.ctiPort = changes.ctiPort;
  if (Object.keys(next).length > 0) updateSettings(dbFile, next);
}

/** Bound to every address, this computer reaches itself on loopback; an IPv6 address is bracketed in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The kept endpoint's address as a PBX or bridge is given it (Zammad's path shape), or null before the endpoint first ran. */
export function ctiUrlOf(endpoint: CtiEndpointSettings): string | null {
  if (endpoint.port === null || endpoint.token === null) return null;
  return `http://${urlHost(endpoint.host)}:${endpoint.port}/api/v1/cti/${endpoint.token}`;
}

/** Host and port only (the status line, the log): never the token. */
export function ctiAddressOf(host: string, port: number): string {
  return `${urlHost(host)}:${port}`;
}
