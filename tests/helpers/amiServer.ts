import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { AmiParser, bannerLine, serialise, type AmiMessage } from '../../electron/telephony/ami/protocol';

/**
 * A stand-in PBX speaking AMI's wire protocol over real TCP (or TLS): the
 * banner, Login (accepted or refused), Ping, and CoreShowChannels, QueueStatus
 * and QueueSummary answered as event lists from `state`, the calls it has up
 * now. Tests push events (`send`, `replay` of a transcript), drop every
 * connection as a PBX restart does (`drop`), or stop answering (`silent`).
 */
export interface AmiServerState {
  /** CoreShowChannel events' fields, one per channel up. */
  channels: Record<string, string>[];
  /** QueueEntry events' fields, one per caller waiting. */
  queueEntries: Record<string, string>[];
  /** QueueSummary events' fields, one per queue. */
  summaries: Record<string, string>[];
}

export interface AmiServerOptions {
  /** Manager users and their secrets (manager.conf's [user] secret =). */
  users?: Record<string, string>;
  version?: string;
  /** Serve TLS with this key and certificate (amis://). */
  tls?: { key: string; cert: string };
  /** Accept connections but never send the banner. */
  mute?: boolean;
  /** Actions the manager user may not run (answered `Permission denied`, as without `write = reporting`). */
  forbidden?: string[];
}

export interface TestAmiServer {
  port: number;
  state: AmiServerState;
  /** Every Login tried: the user and whether it was accepted. */
  logins: Array<{ username: string; accepted: boolean }>;
  /** Every action received, by name. */
  actions: string[];
  /** TCP connections accepted so far. */
  connections(): number;
  /** While true, actions after Login get no answer (a hung PBX). */
  silent: boolean;
  url(user?: string, secret?: string): string;
  /** Sends an event to every logged-in session. */
  send(message: Readonly<Record<string, string>>): void;
  /** Sends a transcript's packets, in order, to every logged-in session. */
  replay(path: string): void;
  /** Closes every connection at once, as a PBX restart does. */
  drop(): void;
  close(): Promise<void>;
}

export const TEST_USER = 'desk1001';
export const TEST_SECRET = 'n0t-in-any-log';

export async function startAmiServer(options: AmiServerOptions = {}): Promise<TestAmiServer> {
  const users = options.users ?? { [TEST_USER]: TEST_SECRET };
  const sockets = new Set<net.Socket>();
  const loggedIn = new Set<net.Socket>();
  let accepted = 0;

  const onConnection = (socket: net.Socket): void => {
    accepted += 1;
    sockets.add(socket);
    socket.setEncoding('utf8');
    socket.on('close', () => {
      sockets.delete(socket);
      loggedIn.delete(socket);
    });
    socket.on('error', () => socket.destroy());
    if (options.mute) return;
    socket.write(bannerLine(options.version ?? '9.0.0'));
    const parser = new AmiParser();
    socket.on('data', (chunk: string) => {
      for (const item of parser.push(chunk)) if (item.kind === 'packet') answer(socket, item.message);
    });
  };

  const write = (socket: net.Socket, packet: Record<string, string>): void => {
    if (!socket.destroyed) socket.write(serialise(packet));
  };

  const list = (socket: net.Socket, id: string, name: string, items: Record<string, string>[]): void => {
    write(socket, { Response: 'Success', ActionID: id, EventList: 'start', Message: `${name} will follow` });
    for (const item of items) write(socket, { ...item, ActionID: id });
    write(socket, { Event: `${name}Complete`, ActionID: id, EventList: 'Complete', ListItems: String(items.length) });
  };

  const answer = (socket: net.Socket, message: AmiMessage): void => {
    const action = message.Action ?? '';
    const id = message.ActionID ?? '';
    server.actions.push(action);
    if (action.toLowerCase() === 'login') {
      const ok = message.Username !== undefined && users[message.Username] === message.Secret;
      server.logins.push({ username: message.Username ?? '', accepted: ok });
      if (!ok) {
        write(socket, { Response: 'Error', ActionID: id, Message: 'Authentication failed' });
        socket.end();
        return;
      }
      loggedIn.add(socket);
      write(socket, { Response: 'Success', ActionID: id, Message: 'Authentication accepted' });
      write(socket, { Event: 'FullyBooted', Privilege: 'system,all', Uptime: '12', LastReload: '12', Status: 'Fully Booted' });
      return;
    }
    if (!loggedIn.has(socket)) {
      write(socket, { Response: 'Error', ActionID: id, Message: 'Permission denied' });
      return;
    }
    if (server.silent) return;
    if (options.forbidden?.some((name) => name.toLowerCase() === action.toLowerCase())) {
      write(socket, { Response: 'Error', ActionID: id, Message: 'Permission denied' });
      return;
    }
    switch (action.toLowerCase()) {
      case 'ping':
        write(socket, { Response: 'Success', ActionID: id, Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) });
        return;
      case 'coreshowchannels':
        list(socket, id, 'CoreShowChannels', server.state.channels.map((channel) => ({ Event: 'CoreShowChannel', ...channel })));
        return;
      case 'queuestatus':
        list(
          socket,
          id,
          'QueueStatus',
          server.state.queueEntries.map((entry) => ({ Event: 'QueueEntry', ...entry })),
        );
        return;
      case 'queuesummary':
        list(socket, id, 'QueueSummary', server.state.summaries.map((summary) => ({ Event: 'QueueSummary', ...summary })));
        return;
      case 'logoff':
        write(socket, { Response: 'Goodbye', ActionID: id, Message: 'Thanks for all the fish.' });
        socket.end();
        return;
      default:
        write(socket, { Response: 'Error', ActionID: id, Message: 'Invalid/unknown command' });
    }
  };

  const listener = options.tls ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, onConnection) : net.createServer(onConnection);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as net.AddressInfo).port;

  const server: TestAmiServer = {
    port,
    state: { channels: [], queueEntries: [], summaries: [] },
    logins: [],
    actions: [],
    connections: () => accepted,
    silent: false,
    url: (user = TEST_USER, secret = TEST_SECRET) =>
      `${options.tls ? 'amis' : 'ami'}://${encodeURIComponent(user)}:${encodeURIComponent(secret)}@127.0.0.1:${port}`,
    send: (message) => {
      for (const socket of loggedIn) write(socket, { ...message });
    },
    replay: (path) => {
      for (const { message } of readTranscript(path)) server.send(message);
    },
    drop: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      server.drop();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
  return server;
}

/** One packet of a transcript, with the seconds after the transcript's start at which it arrives (its `# +N` line). */
export interface TranscriptPacket {
  arrivalSec: number;
  message: AmiMessage;
}

/**
 * A transcript (tests/fixtures/ami/*.ami): packets as Asterisk writes them,
 * separated by blank lines. Lines starting with `#` are notes, and `# +12.5`
 * says the packets after it arrive 12.5 s after the start (for the setups
 * without `timestampevents`, whose times are arrival times).
 */
export function readTranscript(path: string): TranscriptPacket[] {
  const packets: TranscriptPacket[] = [];
  const parser = new AmiParser();
  let arrivalSec = 0;
  for (const line of `${readFileSync(path, 'utf8')}\n\n`.split('\n')) {
    const offset = /^#\s*\+(\d+(?:\.\d+)?)\s*s?\s*$/.exec(line);
    if (offset) {
      arrivalSec = Number(offset[1]);
      continue;
    }
    if (line.startsWith('#')) continue;
    for (const item of parser.push(`${line}\r\n`)) if (item.kind === 'packet') packets.push({ arrivalSec, message: item.message });
  }
  return packets;
}
