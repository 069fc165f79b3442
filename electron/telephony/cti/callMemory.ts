/**
 * What the endpoint remembers of each call it has seen, so that a hangup can
 * say whether the call was answered (Zammad's hangup does not), how long the
 * caller waited and how long the call was talked. Bounded: a PBX that never
 * sends hangups, or a flood, cannot grow it past `limit` calls; the oldest call
 * seen is forgotten first. A hangup keeps the call (marked ended) so that a
 * duplicated hangup is answered the same way.
 */
export interface CallState {
  /** When the newCall arrived (desk clock), if it did. */
  offeredAt: number | null;
  answeredAt: number | null;
  /** Who answered, as toCallEvent names the agent. */
  answeredBy: string | null;
  queue: string | null;
  agent: string | null;
}

/** Calls remembered at most: far more than a desk (or a queue's watchers) has in flight. */
export const DEFAULT_CALL_MEMORY = 2000;

export class CallMemory {
  private readonly calls = new Map<string, CallState>();

  constructor(private readonly limit = DEFAULT_CALL_MEMORY) {}

  get(key: string): CallState | undefined {
    return this.calls.get(key);
  }

  /** Keeps the call's state (merging `change` into what is known) as the newest call seen. */
  remember(key: string, change: Partial<CallState>): CallState {
    const known = this.calls.get(key) ?? { offeredAt: null, answeredAt: null, answeredBy: null, queue: null, agent: null };
    const next = { ...known, ...change };
    // Delete first: a Map keeps insertion order, so the oldest-seen call is always first.
    this.calls.delete(key);
    this.calls.set(key, next);
    while (this.calls.size > this.limit) {
      const oldest = this.calls.keys().next().value;
      if (oldest === undefined) break;
      this.calls.delete(oldest);
    }
    return next;
  }

  get size(): number {
    return this.calls.size;
  }
}
