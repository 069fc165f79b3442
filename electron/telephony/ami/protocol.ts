/**
 * Asterisk Manager Interface (AMI) line protocol: the banner, packets of
 * `Key: Value` lines ended by a blank line, actions correlated by ActionID,
 * and action results spread over several packets (EventList).
 *
 * Home-made on purpose: no maintained Node AMI client exists (the npm
 * packages' last commits are from 2018–2021, some drop a packet split across
 * TCP reads), and the protocol is small enough to parse and test here in full.
 */

/** One packet: its headers by name as Asterisk spelled them. A repeated header keeps its last value. */
export type AmiMessage = Readonly<Record<string, string>>;

/** What the stream yields: the banner once, then packets. */
export type AmiChunkItem = { kind: 'banner'; version: string } | { kind: 'packet'; message: AmiMessage };

const BANNER = /^Asterisk Call Manager\/(\S+)/;

/**
 * Cuts a byte stream (already decoded to text) into the banner and packets,
 * however TCP split it: a chunk may end anywhere, even between CR and LF.
 * Lines end in CRLF as AMI says; a bare LF is tolerated.
 */
export class AmiParser {
  private pending = '';
  private lines: string[] = [];
  private bannerSeen = false;

  push(chunk: string): AmiChunkItem[] {
    this.pending += chunk;
    const out: AmiChunkItem[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      this.takeLine(line, out);
      newline = this.pending.indexOf('\n');
    }
    return out;
  }

  private takeLine(line: string, out: AmiChunkItem[]): void {
    if (!this.bannerSeen) {
      const banner = BANNER.exec(line);
      if (banner) {
        this.bannerSeen = true;
        out.push({ kind: 'banner', version: banner[1] ?? '' });
        return;
      }
    }
    if (line === '') {
      if (this.lines.length > 0) out.push({ kind: 'packet', message: toMessage(this.lines) });
      this.lines = [];
      return;
    }
    this.lines.push(line);
  }
}

/** Lines without a colon (a `Response: Follows` command's output) are gathered under `Output`, as newer Asterisks send them. */
function toMessage(lines: readonly string[]): AmiMessage {
  const message: Record<string, string> = {};
  const output: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      output.push(line);
      continue;
    }
    message[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  if (output.length > 0) message.Output = [message.Output, ...output].filter(Boolean).join('\n');
  return message;
}

/**
 * One action (or any packet) on the wire. A value holding CR or LF would end the
 * packet early and smuggle in headers of its own, so it is refused.
 */
export function serialise(packet: Readonly<Record<string, string>>): string {
  let text = '';
  for (const [key, value] of Object.entries(packet)) {
    if (/[\r\n]/.test(key) || /[\r\n]/.test(value)) throw new Error(`AMI header ${JSON.stringify(key)} holds a line break`);
    text += `${key}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}

/** The banner a server greets with. */
export function bannerLine(version: string): string {
  return `Asterisk Call Manager/${version}\r\n`;
}

/** An action's answer: the response packet, and for a list action its events up to the `…Complete` one (left out). */
export interface ActionResult {
  response: AmiMessage;
  events: AmiMessage[];
}

/** An action the PBX answered with `Response: Error`. */
export class AmiActionError extends Error {
  constructor(
    readonly action: string,
    readonly response: AmiMessage,
  ) {
    super(`The PBX refused ${action}: ${response.Message ?? 'no reason given'}`);
    this.name = 'AmiActionError';
  }
}

interface Pending {
  action: string;
  resolve: (result: ActionResult) => void;
  reject: (error: Error) => void;
  response: AmiMessage | null;
  events: AmiMessage[];
}

/**
 * Matches packets to the actions waiting for them by ActionID. A response with
 * `EventList: start` opens a list: the events carrying that ActionID are the
 * result, until the one whose `EventList` is `Complete` (CoreShowChannelsComplete,
 * QueueStatusComplete, …). Everything else is an unsolicited event.
 */
export class ActionCorrelator {
  private readonly pending = new Map<string, Pending>();

  expect(actionId: string, action: string): Promise<ActionResult> {
    return new Promise((resolve, reject) => {
      this.pending.set(actionId, { action, resolve, reject, response: null, events: [] });
    });
  }

  /** Hands a packet to the action it answers; false when it answers none (an event to pass on). */
  take(message: AmiMessage): boolean {
    const id = message.ActionID;
    const waiting = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || !waiting) return false;
    if (waiting.response === null) {
      if (message.Response === undefined) return false;
      if (message.Response.toLowerCase() === 'error') return this.settle(id, waiting, new AmiActionError(waiting.action, message));
      waiting.response = message;
      if ((message.EventList ?? '').toLowerCase() !== 'start') return this.settle(id, waiting, null);
      return true;
    }
    if ((message.EventList ?? '').toLowerCase() === 'complete') return this.settle(id, waiting, null);
    waiting.events.push(message);
    return true;
  }

  /** Fails one waiting action (its timeout), so a late answer is taken as an event nobody wants. */
  fail(actionId: string, error: Error): void {
    const waiting = this.pending.get(actionId);
    if (waiting) this.settle(actionId, waiting, error);
  }

  failAll(error: Error): void {
    for (const [id, waiting] of [...this.pending]) this.settle(id, waiting, error);
  }

  private settle(id: string, waiting: Pending, error: Error | null): true {
    this.pending.delete(id);
    if (error) waiting.reject(error);
    else waiting.resolve({ response: waiting.response ?? {}, events: waiting.events });
    return true;
  }
}
