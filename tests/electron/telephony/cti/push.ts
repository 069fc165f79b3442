import http from 'node:http';
import { startCtiEndpoint, type CtiEndpointOptions, type RunningCtiEndpoint } from '../../../../electron/telephony/cti/endpoint';
import type { CallEvent } from '../../../../shared/telephony/callEvents';

/** A real endpoint on loopback, with every event it handed on. */
export async function endpointForTest(options: Partial<CtiEndpointOptions> = {}): Promise<{ endpoint: RunningCtiEndpoint; events: CallEvent[]; token: string }> {
  const events: CallEvent[] = [];
  const token = options.token ?? 'test-token-0123456789abcdef';
  const endpoint = await startCtiEndpoint({ port: 0, token, onEvent: (e) => void events.push(e), now: () => 1_716_000_000_000, ...options });
  return { endpoint, events, token };
}

export interface Sent {
  status: number;
  body: string;
}

/** One HTTP request, as a PBX or a browser would make it; headers given as they should go on the wire. */
export function send(
  endpoint: { host: string; port: number },
  path: string,
  body: string,
  headers: Record<string, string>,
  extra: { method?: string; localAddress?: string } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: endpoint.host, port: endpoint.port, path, method: extra.method ?? 'POST', headers: { host: `${endpoint.host}:${endpoint.port}`, ...headers }, localAddress: extra.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export type Fields = Record<string, string | string[]>;

/** A push as JSON (user as a string or an array), as Zammad's JSON examples send it. */
export const asJson = (fields: Fields) => ({ body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } });

/** A push form-encoded, user[] repeated, as Zammad's form examples and most PBX webhooks send it. */
export function asForm(fields: Fields) {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) form.append(`${key}[]`, v);
    else form.append(key, value);
  }
  return { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** A push as multipart/form-data, as Zammad's own curl --form examples send it. */
export function asMultipart(fields: Fields) {
  const boundary = 'ctiTestBoundary7MA4YWxk';
  const parts = Object.entries(fields).flatMap(([key, value]) =>
    (Array.isArray(value) ? value.map((v) => [`${key}[]`, v] as const) : [[key, value] as const]).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  return { body: `${parts.join('')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const BODIES = { json: asJson, form: asForm, multipart: asMultipart } as const;
