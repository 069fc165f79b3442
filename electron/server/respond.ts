import type http from 'node:http';

/** A JSON answer (the result envelope), never cached: it holds records. */
export function sendJson(res: http.ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}
