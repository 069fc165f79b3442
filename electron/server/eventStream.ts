import type http from 'node:http';
import { EVENT_HEARTBEAT_MS, type EventMessage } from '../../shared/api/events';
import type { Session } from '../handlers/context';
import type { EventHub } from '../records/eventHub';

/**
 * GET /events (token-guarded like every route with records): a long-lived
 * response of newline-delimited JSON, one `EventMessage` a line, for the
 * events addressed to whoever is signed in to this run. The page reads it with
 * a streamed `fetch`, which, unlike EventSource, can send the token header, so
 * the token never goes into a URL. An empty line every EVENT_HEARTBEAT_MS lets
 * the page notice a dead connection and reopen it (then it re-reads its state).
 */
export function streamEvents(res: http.ServerResponse, hub: EventHub, session: Session, heartbeatMs = EVENT_HEARTBEAT_MS): void {
  res.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  // The headers now, so that the page knows the stream is open before any event.
  res.write('\n');
  const unsubscribe = hub.subscribe((event) => {
    if (event.userId !== null && session.userId !== event.userId) return;
    const line: EventMessage = { name: event.name, payload: event.payload } as EventMessage;
    res.write(`${JSON.stringify(line)}\n`);
  });
  const heartbeat = setInterval(() => res.write('\n'), heartbeatMs);
  heartbeat.unref();
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
