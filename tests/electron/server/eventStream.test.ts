import { EventEmitter } from 'node:events';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/records/eventHub';
import { streamEvents } from '../../../electron/server/eventStream';

/** The part of a ServerResponse the stream uses: what it wrote, and a way to close it as a page that goes away would. */
function responseStandIn() {
  const res = Object.assign(new EventEmitter(), {
    status: 0,
    headers: {} as Record<string, string>,
    written: [] as string[],
    writeHead(status: number, headers: Record<string, string>) {
      res.status = status;
      res.headers = headers;
      return res;
    },
    write(chunk: string) {
      res.written.push(chunk);
      return true;
    },
  });
  return res;
}

describe('the event stream’s heartbeat', () => {
  it('writes an empty line at its pace while open, and stops (and stops listening) once closed', async () => {
    const hub = new EventHub();
    const res = responseStandIn();
    streamEvents(res as unknown as http.ServerResponse, hub, { userId: 1 }, 10);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    await new Promise((r) => setTimeout(r, 45));
    const beats = res.written.filter((w) => w === '\n').length;
    // The opening line plus a few beats.
    expect(beats).toBeGreaterThanOrEqual(3);
    res.emit('close');
    expect(hub.listenerCount).toBe(0);
    const after = res.written.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(res.written.length).toBe(after);
  });
});
