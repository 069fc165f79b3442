import type tls from 'node:tls';
import type { CallEvent, CallSource, QueueSnapshot } from '../../../shared/telephony/callEvents';
import { describeError, log } from '../../log';
import { parseAmiUrl, type AmiTarget } from './amiUrl';
import { AmiNormaliser, type OpenCallSeed } from './normalise';
import { AmiActionError, type AmiMessage } from './protocol';
import { AmiSession } from './session';

/** How a desk follows its PBX. Timings have defaults a desk never needs to change; tests shorten them. */
export interface AmiConfig {
  /** `ami://user:secret@host:5038`, or `amis://…` for TLS. */
  url: string;
  /** The desk's agent interface, e.g. `PJSIP/1001`. */
  agent: string;
  /** Queues whose calls (and missed calls) this desk follows. */
  queues: readonly string[];
  /** Calls the desk still had open when this connection was asked for (a restart): the first reconcile ends those gone. */
  openCalls?: readonly OpenCallSeed[];
  connectTimeoutMs?: number;
  actionTimeoutMs?: number;
  /** Reconnect back-off: the first wait, doubled each failure up to the cap. */
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** How often QueueSummary is asked (it is also the keep-alive). */
  pollMs?: number;
  /** For amis://: a private CA, or a test's self-signed certificate. */
  tls?: Pick<tls.ConnectionOptions, 'ca' | 'rejectUnauthorized' | 'checkServerIdentity'>;
  /** The desk's clock (tests pass their own). */
  now?: () => number;
}

export type AmiStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'connected'; version: string }
  /** Down, trying again in `retryInMs`. */
  | { state: 'retrying'; reason: string; retryInMs: number }
  /** The PBX refused the login: the desk stops until its settings change (a wrong secret does not get right by retrying). */
  | { state: 'refused'; reason: string }
  | { state: 'closed' };

export interface AmiConnection {
  /** Desk minus PBX clock in ms, from the events' Timestamps (null without `timestampevents = yes`); the desk shows it above 2 s. */
  clockOffsetMs(): number | null;
  close(): Promise<void>;
}

/** While calls are open, a reconcile every this many polls (a minute at the default 15 s). */
const RECONCILE_EVERY_POLLS = 4;

/** Refused logins are the one failure not retried. */
class LoginRefused extends Error {}

/**
 * Follows one PBX for one desk: connects, logs in with `Events: on`, reconciles
 * the calls in flight after every (re)connect (CoreShowChannels, QueueStatus),
 * polls QueueSummary for the live queue, and reconnects with a capped back-off.
 * The secret is never logged; numbers never reach the log (only counts and states).
 */
export function connectAmi(
  config: AmiConfig,
  onEvent: (event: CallEvent) => void,
  onQueue: (snapshot: QueueSnapshot) => void,
  onStatus: (status: AmiStatus) => void,
): AmiConnection {
  const target = parseAmiUrl(config.url);
  const client = new AmiClient(config, target, onEvent, onQueue, onStatus);
  client.start();
  return { clockOffsetMs: () => client.normaliser.clockOffsetMs(), close: () => client.close() };
}

class AmiClient {
  readonly normaliser: AmiNormaliser;
  private readonly source: CallSource;
  private readonly now: () => number;
  private session: AmiSession | null = null;
  private failures = 0;
  private closed = false;
  /** Set when the PBX refused the login: nothing retries until the desk connects anew. */
  private refused = false;
  /** The manager user may not run CoreShowChannels (no `write = reporting`). */
  private mayNotList = false;
  /** QueueSummary polls since the last reconcile. */
  private pollsSinceReconcile = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AmiConfig,
    private readonly target: AmiTarget,
    private readonly onEvent: (event: CallEvent) => void,
    private readonly onQueue: (snapshot: QueueSnapshot) => void,
    private readonly onStatus: (status: AmiStatus) => void,
  ) {
    this.source = { system: 'ami', pbx: target.pbx };
    this.normaliser = new AmiNormaliser({ source: this.source, agent: config.agent, queues: config.queues, openCalls: config.openCalls });
    this.now = config.now ?? Date.now;
  }

  start(): void {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopPolling();
    this.session?.close('closed by the desk', true);
    this.session = null;
    this.onStatus({ state: 'closed' });
    await Promise.resolve();
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.closed) return;
    this.onStatus({ state: 'connecting', attempt: this.failures + 1 });
    let session: AmiSession | null = null;
    try {
      const opened = await AmiSession.open(
        this.target,
        { connectTimeoutMs: this.config.connectTimeoutMs ?? 10_000, actionTimeoutMs: this.config.actionTimeoutMs ?? 10_000, tls: this.config.tls },
        (message) => this.takeEvent(message),
        (ended, reason) => this.lost(ended, reason),
      );
      session = opened.session;
      if (this.closed) {
        session.close('closed by the desk');
        return;
      }
      this.session = session;
      await this.login(session);
      this.failures = 0;
      log.info(`AMI ${this.target.pbx}: connected (Asterisk Call Manager ${opened.version}) as ${this.target.username}`);
      this.onStatus({ state: 'connected', version: opened.version });
      await this.reconcile(session);
      this.startPolling(session);
    } catch (error) {
      if (this.closed) return;
      if (error instanceof LoginRefused) {
        this.refused = true;
        this.session = null;
        session?.close('login refused');
        log.warn(`AMI ${this.target.pbx}: ${error.message}`);
        this.onStatus({ state: 'refused', reason: error.message });
        return;
      }
      const reason = error instanceof Error ? error.message : describeError(error);
      if (session) session.close(reason);
      else this.retry(reason);
    }
  }

  private async login(session: AmiSession): Promise<void> {
    try {
      await session.send('Login', { Username: this.target.username, Secret: this.target.secret, Events: 'on' });
    } catch (error) {
      if (error instanceof AmiActionError) {
        const why = error.response.Message ?? 'Authentication failed';
        throw new LoginRefused(
          `the PBX refused the manager login of user "${this.target.username}" (${why}); check the user and secret in manager.conf and the desk's Telephony settings`,
        );
      }
      throw error;
    }
  }

  /**
   * Calls in flight as the PBX has them now, against what the desk followed before. A manager
   * user without `write = reporting` may not list channels: then nothing is reconciled (ending
   * every call for want of a list would be worse), and the log says what to change, once.
   */
  private async reconcile(session: AmiSession): Promise<void> {
    if (this.mayNotList) return;
    const askedAt = this.now();
    let channels: { events: AmiMessage[] };
    let queues: { events: AmiMessage[] };
    try {
      channels = await session.send('CoreShowChannels');
      queues = this.config.queues.length === 0 ? { events: [] } : await session.send('QueueStatus');
    } catch (error) {
      if (!(error instanceof AmiActionError)) throw error;
      this.mayNotList = true;
      log.warn(`AMI ${this.target.pbx}: ${error.message}; calls in flight are not reconciled (give the manager user write = reporting)`);
      return;
    }
    const snapshot = {
      channels: channels.events.filter((event) => event.Event === 'CoreShowChannel'),
      queueEntries: queues.events.filter((event) => event.Event === 'QueueEntry'),
    };
    const events = this.normaliser.reconcile(snapshot, this.now(), askedAt);
    log.info(`AMI ${this.target.pbx}: reconciled ${snapshot.channels.length} channels, ${events.length} call events`);
    for (const event of events) this.onEvent(event);
  }

  private startPolling(session: AmiSession): void {
    this.stopPolling();
    const poll = async (): Promise<void> => {
      try {
        if (this.config.queues.length === 0) await session.send('Ping');
        else this.takeSummary(await session.send('QueueSummary'));
        // Now and then, while calls are open, the channel list heals an end the desk's event filter
        // kept from it (a transferred call's caller hanging up names neither its agent nor its queue).
        this.pollsSinceReconcile += 1;
        if (this.pollsSinceReconcile >= RECONCILE_EVERY_POLLS && this.normaliser.openCalls() > 0) {
          this.pollsSinceReconcile = 0;
          await this.reconcile(session);
        }
      } catch (error) {
        // No answer to the keep-alive: the connection is as good as dead.
        session.close(error instanceof Error ? error.message : describeError(error));
        return;
      }
      if (this.session === session && !this.closed) this.pollTimer = setTimeout(() => void poll(), this.config.pollMs ?? 15_000);
    };
    void poll();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  private takeSummary(result: { events: AmiMessage[] }): void {
    const at = this.now();
    for (const summary of result.events) {
      if (summary.Event !== 'QueueSummary' || !this.config.queues.includes(summary.Queue ?? '')) continue;
      this.onQueue({
        source: this.source,
        queue: summary.Queue ?? '',
        waiting: Number(summary.Callers ?? 0) || 0,
        longestWaitSec: Number(summary.LongestHoldTime ?? 0) || 0,
        available: summary.Available === undefined ? null : Number(summary.Available) || 0,
        at,
      });
    }
  }

  private takeEvent(message: AmiMessage): void {
    for (const event of this.normaliser.feed(message, this.now())) this.onEvent(event);
  }

  private lost(session: AmiSession, reason: string): void {
    if (this.session !== session && this.session !== null) return;
    this.session = null;
    this.stopPolling();
    if (!this.closed && this.retryTimer === null) this.retry(reason);
  }

  private retry(reason: string): void {
    if (this.closed || this.refused || this.retryTimer !== null) return;
    this.failures += 1;
    const first = this.config.retryFirstMs ?? 1000;
    const cap = this.config.retryMaxMs ?? 60_000;
    // Capped doubling, with some jitter so that the desks of a restarted PBX do not all knock at once.
    const wait = Math.round(Math.min(cap, first * 2 ** (this.failures - 1)) * (0.8 + 0.2 * Math.random()));
    log.warn(`AMI ${this.target.pbx}: ${reason}; retrying in ${wait} ms`);
    this.onStatus({ state: 'retrying', reason, retryInMs: wait });
    this.retryTimer = setTimeout(() => void this.connect(), wait);
  }
}
