import { afterEach, describe, expect, it } from 'vitest';
import { EventStream } from '../../../renderer/src/eventStream';
import type { ExportJob } from '../../../shared/api/archive';

const job = (done: number): ExportJob => ({ job: 'j1', state: 'running', done, total: 10, rows: 0, steps: 0, fileName: 'a.xlsx', savedTo: null, download: true });

/** A server's event stream the test writes to, in chunks of its choosing, and may drop. */
function streamStandIn() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200 }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    drop: () => controller.error(new Error('connection reset')),
  };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 5));
const streams: EventStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.stop()));

describe('the page’s event stream (browser mode)', () => {
  it('delivers each JSON line to its event’s listeners, also when a line is split across chunks', async () => {
    const server = streamStandIn();
    const events = new EventStream(async () => server.response, tick);
    streams.push(events);
    const progress: number[] = [];
    const finished: string[] = [];
    events.on('exportProgress', (j) => progress.push(j.done));
    events.on('exportFinished', (j) => finished.push(j.state));
    const line = JSON.stringify({ name: 'exportProgress', payload: job(3) });
    server.write(`\n${line.slice(0, 20)}`);
    server.write(`${line.slice(20)}\n\n`);
    server.write(`${JSON.stringify({ name: 'exportFinished', payload: { ...job(10), state: 'done' } })}\n`);
    // An unknown event or a broken line is skipped, not fatal.
    server.write('{"name":"noSuchEvent","payload":1}\nnot json\n');
    server.write(`${JSON.stringify({ name: 'exportProgress', payload: job(4) })}\n`);
    await tick();
    expect(progress).toEqual([3, 4]);
    expect(finished).toEqual(['done']);
  });

  it('reopens a dropped stream and asks the page to re-read, but not on the first opening', async () => {
    const servers = [streamStandIn(), streamStandIn()];
    let opened = 0;
    const events = new EventStream(async () => servers[opened++]!.response, tick);
    streams.push(events);
    let rereads = 0;
    const progress: number[] = [];
    events.onReconnect(() => (rereads += 1));
    const stop = events.on('exportProgress', (j) => progress.push(j.done));
    await tick();
    expect([opened, rereads]).toEqual([1, 0]);
    servers[0]!.drop();
    for (let i = 0; i < 20 && opened < 2; i++) await tick();
    await tick();
    expect([opened, rereads]).toEqual([2, 1]);
    servers[1]!.write(`${JSON.stringify({ name: 'exportProgress', payload: job(7) })}\n`);
    await tick();
    stop();
    servers[1]!.write(`${JSON.stringify({ name: 'exportProgress', payload: job(8) })}\n`);
    await tick();
    expect(progress).toEqual([7]);
  });

  it('keeps trying while the server refuses (a stale token), and re-reads once it is back', async () => {
    const good = streamStandIn();
    let tries = 0;
    const events = new EventStream(async () => (++tries < 3 ? new Response('Refused: wrong token.', { status: 401 }) : good.response), tick);
    streams.push(events);
    let rereads = 0;
    events.onReconnect(() => (rereads += 1));
    for (let i = 0; i < 20 && tries < 3; i++) await tick();
    await tick();
    expect(tries).toBe(3);
    expect(rereads).toBe(1);
  });

  it('reopens a stream that fell silent for longer than its heartbeats allow', async () => {
    const servers = [streamStandIn(), streamStandIn()];
    let opened = 0;
    const events = new EventStream(
      async (signal) => {
        const server = servers[opened++]!;
        signal.addEventListener('abort', () => server.drop());
        return server.response;
      },
      tick,
      30,
    );
    streams.push(events);
    events.on('exportProgress', () => undefined);
    for (let i = 0; i < 40 && opened < 2; i++) await tick();
    expect(opened).toBe(2);
  });
});
