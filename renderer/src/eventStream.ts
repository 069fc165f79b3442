import { EVENT_HEARTBEAT_MS, isEventName, type EventMessage, type EventName, type EventOf } from '../../shared/api/events';

/** The page's side of the event channel (api.ts builds it on its transport). */
export interface EventsClient {
  on<K extends EventName>(name: K, listener: (payload: EventOf<K>) => void): () => void;
  /**
   * Called each time the channel is back after it was down (browser mode's
   * stream dropped and reopened): events may have been missed, so re-read the
   * state you follow. The desktop app's IPC never drops.
   */
  onReconnect(listener: () => void): () => void;
}

/** Waits before reopening: quick at first, then at most every 10 s (a stopped server is not hammered). */
const backoff = (failures: number) => Math.min(10_000, 500 * 2 ** failures);

/**
 * Browser mode's event channel: one long-lived streamed response of
 * newline-delimited JSON (`open` is the fetch, with the token header), read
 * line by line. It opens with the first listener, and reopens after a drop or
 * after three heartbeats of silence (a connection that died without closing).
 */
export class EventStream implements EventsClient {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly reconnectListeners = new Set<() => void>();
  private started = false;
  private stopped = false;
  private current: AbortController | null = null;

  constructor(
    private readonly open: (signal: AbortSignal) => Promise<Response>,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly silenceMs = 3 * EVENT_HEARTBEAT_MS,
  ) {}

  on<K extends EventName>(name: K, listener: (payload: EventOf<K>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    this.start();
    return () => void set.delete(listener as (payload: never) => void);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    this.start();
    return () => void this.reconnectListeners.delete(listener);
  }

  /** Tests: stops reading and reopening. */
  stop(): void {
    this.stopped = true;
    this.current?.abort();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    let dropped = false;
    while (!this.stopped) {
      const controller = (this.current = new AbortController());
      try {
        const response = await this.open(controller.signal);
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        failures = 0;
        if (dropped) for (const listener of [...this.reconnectListeners]) listener();
        await this.read(response.body, controller);
      } catch {
        failures += 1;
      }
      dropped = true;
      if (!this.stopped) await this.sleep(backoff(failures));
    }
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    let watchdog = setTimeout(() => controller.abort(), this.silenceMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), this.silenceMs);
        pending += decoder.decode(value, { stream: true });
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') this.deliver(line);
      }
    } finally {
      clearTimeout(watchdog);
      reader.releaseLock();
    }
  }

  private deliver(line: string): void {
    let message: EventMessage;
    try {
      message = JSON.parse(line) as EventMessage;
    } catch {
      return;
    }
    if (typeof message?.name !== 'string' || !isEventName(message.name)) return;
    for (const listener of [...(this.listeners.get(message.name) ?? [])]) listener(message.payload as never);
  }
}
