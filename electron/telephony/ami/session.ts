import net from 'node:net';
import tls from 'node:tls';
import type { AmiTarget } from './amiUrl';
import { ActionCorrelator, AmiParser, serialise, type ActionResult, type AmiMessage } from './protocol';

/**
 * One TCP (or TLS) connection to a PBX's manager port: the banner, actions with
 * their ActionIDs and timeouts, and the events in between. It never reconnects:
 * the client opens a new session for that.
 */
export class AmiSession {
  private readonly parser = new AmiParser();
  private readonly correlator = new ActionCorrelator();
  private nextId = 1;
  private ended = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly actionTimeoutMs: number,
    private readonly onEvent: (message: AmiMessage) => void,
    private readonly onEnd: (session: AmiSession, reason: string) => void,
  ) {}

  /** Connects and waits for the banner; refuses after `connectTimeoutMs` (a port that accepts but never speaks AMI counts as down). */
  static open(
    target: AmiTarget,
    options: { connectTimeoutMs: number; actionTimeoutMs: number; tls?: tls.ConnectionOptions },
    onEvent: (message: AmiMessage) => void,
    onEnd: (session: AmiSession, reason: string) => void,
  ): Promise<{ session: AmiSession; version: string }> {
    return new Promise((resolve, reject) => {
      const socket = target.tls
        ? tls.connect({ ...options.tls, host: target.host, port: target.port, servername: net.isIP(target.host) ? undefined : target.host })
        : net.connect({ host: target.host, port: target.port });
      socket.setEncoding('utf8');
      socket.setNoDelay(true);
      const session = new AmiSession(socket, options.actionTimeoutMs, onEvent, onEnd);
      let greeted = false;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no AMI banner from ${target.pbx} within ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      socket.on('data', (chunk: string) => {
        for (const item of session.parser.push(chunk)) {
          if (item.kind === 'banner') {
            if (greeted) continue;
            greeted = true;
            clearTimeout(timer);
            resolve({ session, version: item.version });
          } else if (greeted) {
            session.take(item.message);
          }
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        const reason = error.code ?? error.message;
        if (!greeted) {
          clearTimeout(timer);
          reject(new Error(`cannot reach ${target.pbx}: ${reason}`));
        }
        session.end(`connection to ${target.pbx} failed: ${reason}`);
      });
      socket.on('close', () => {
        if (!greeted) {
          clearTimeout(timer);
          reject(new Error(`${target.pbx} closed the connection before its banner`));
        }
        session.end(`${target.pbx} closed the connection`);
      });
    });
  }

  /** Sends an action and waits for its answer (and its list, for CoreShowChannels and the like). */
  async send(action: string, fields: Readonly<Record<string, string>> = {}): Promise<ActionResult> {
    if (this.ended) throw new Error('the AMI connection is closed');
    const actionId = `hotline-${this.nextId++}`;
    const answer = this.correlator.expect(actionId, action);
    const timer = setTimeout(() => {
      this.correlator.fail(actionId, new Error(`no answer to ${action} within ${this.actionTimeoutMs} ms`));
    }, this.actionTimeoutMs);
    try {
      this.socket.write(serialise({ Action: action, ActionID: actionId, ...fields }));
      return await answer;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the connection (Logoff first when it is still healthy). */
  close(reason: string, logoff = false): void {
    if (this.ended) return;
    if (logoff) this.socket.end(serialise({ Action: 'Logoff', ActionID: 'hotline-logoff' }));
    this.end(reason, !logoff);
  }

  private take(message: AmiMessage): void {
    if (this.correlator.take(message)) return;
    if (message.Event !== undefined) this.onEvent(message);
  }

  private end(reason: string, destroy = true): void {
    if (this.ended) return;
    this.ended = true;
    if (destroy) this.socket.destroy();
    this.correlator.failAll(new Error(reason));
    this.onEnd(this, reason);
  }
}
