import type { EventMessage, EventName, EventOf } from '../../shared/api/events';

/**
 * An event with the profile it is for: only that profile's windows (or browser-mode run) receive it;
 * `EVERY_PROFILE` (null) is the desk's own news, for every window whoever is signed in (its team link).
 */
export type AddressedEvent = EventMessage & { userId: number | null };

export const EVERY_PROFILE = null;

export type HubListener = (event: AddressedEvent) => void;

/**
 * Where main's pushes start. Whoever has news (an export job) emits here, and
 * each transport subscribes and carries the events to its pages: IPC to the
 * windows signed in as the event's profile, browser mode down its event stream.
 * The hub knows no transport; a listener that throws does not stop the others.
 */
export class EventHub {
  private readonly listeners = new Set<HubListener>();

  emit<K extends EventName>(name: K, payload: EventOf<K>, userId: number | null): void {
    const event = { name, payload, userId } as AddressedEvent;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken window or stream must not keep the news from the rest.
      }
    }
  }

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

/** The running process's hub, beside its export jobs (exportJobs.ts). */
export const eventHub = new EventHub();
