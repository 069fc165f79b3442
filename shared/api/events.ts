import type { ExportJob } from './archive';
import type { TeamStatus } from './team';
import type { PhoneCallNews } from './telephony';

/**
 * The pushes from main to the page: event name → payload. Both transports
 * carry exactly this map (IPC in the desktop app, a streamed response in
 * browser mode). An event is a hint that state moved, never the only copy of
 * it: after a reconnect the page re-reads what it follows, so a missed event
 * loses nothing.
 */
export interface HotlineEvents {
  /** A running export's progress (records visited of records to visit). */
  exportProgress: ExportJob;
  /** An export stopped: done, failed or cancelled. The last event of its job. */
  exportFinished: ExportJob;
  /** The desk's link to the team server moved (a push, a failure, a recovery): the status line re-reads nothing, this is the status. Sent to every profile. */
  teamStatus: TeamStatus;
  /** A desk's push changed records on the team server (its code and mark only, never content): a board re-reads. */
  teamBoard: { desk: string; seq: number };
  /** The phone system opened, stamped or missed a call on this desk (issue 15): the desk shows it. Sent to every profile. */
  phoneCall: PhoneCallNews;
}

export type EventName = keyof HotlineEvents;
export type EventOf<K extends EventName> = HotlineEvents[K];

/** One event on the wire (a line of browser mode's stream). */
export type EventMessage = { [K in EventName]: { name: K; payload: HotlineEvents[K] } }[EventName];

/** Every name exactly once; the check below keeps it in step with `HotlineEvents`. */
export const EVENT_NAMES = ['exportProgress', 'exportFinished', 'teamStatus', 'teamBoard', 'phoneCall'] as const satisfies readonly EventName[];
type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const allNamed: Missing extends never ? true : Missing = true;
void allNamed;

/** The IPC channel of an event (apart from the methods' `hotline:<method>`). */
export const eventChannelOf = (name: EventName): string => `hotline-event:${name}`;

export function isEventName(name: string): name is EventName {
  return (EVENT_NAMES as readonly string[]).includes(name);
}

/** Listens to one event; returns the function that stops listening. */
export type EventSubscribe = <K extends EventName>(name: K, listener: (payload: EventOf<K>) => void) => () => void;

/** Browser mode sends a heartbeat line this often, so that a dead connection is noticed and reopened. */
export const EVENT_HEARTBEAT_MS = 15_000;
