import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throw-away PostgreSQL cluster for the team tests, from Debian's
 * `postgresql` package: initdb into a temp folder, pg_ctl on a free TCP port of
 * 127.0.0.1 (its unix socket inside the folder, so it never meets another
 * cluster's). Host connections use scram-sha-256, so role passwords are real.
 * PostgreSQL refuses to run as root: as root, every command runs as the
 * `postgres` OS user, who owns the folder.
 */
export interface PgCluster {
  /** A superuser URL over TCP, with its password. */
  superUrl: string;
  host: string;
  port: number;
  /** The server's log file, for messages. */
  logFile: string;
  /** Starts the cluster again on the same data folder and port (after kill() or a stop of the server alone). */
  start(): Promise<void>;
  /** SIGKILLs the postmaster and its backends at once: a crash, for fault tests. Start it again with start(). */
  kill(): Promise<void>;
  /** Stops the cluster (immediate) and removes its folder. */
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/14/bin', '/usr/lib/postgresql/13/bin'];
const NOT_INSTALLED = "PostgreSQL's initdb is not installed: apt-get install postgresql (scripts/install-system-deps.sh)";
const TIMEOUT_MS = 60_000;
const SUPERUSER = 'postgres';

/** Where initdb and pg_ctl are: HOTLINE_PG_BINDIR if set (and only there), else Debian's folders, else PATH. */
function findBinDir(): string {
  const chosen = process.env.HOTLINE_PG_BINDIR;
  if (chosen !== undefined) {
    if (fs.existsSync(path.join(chosen, 'initdb'))) return chosen;
    throw new Error(NOT_INSTALLED);
  }
  for (const dir of BIN_DIRS) if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(NOT_INSTALLED);
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL program, as the postgres OS user when we are root. */
async function pgRun(bin: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    const { stdout } = await run(file, argv, { timeout: TIMEOUT_MS, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; killed?: boolean; message: string };
    const why = e.killed ? `timed out after ${TIMEOUT_MS / 1000} s` : (e.stderr || e.stdout || e.message).trim();
    throw new Error(`${path.basename(bin)} failed: ${why}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A process is gone when /proc has no entry for it, or only a zombie nobody reaps (a container's init may not). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // It ended while we looked.
    }
  }
  return children;
}

async function waitGone(pids: number[], ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (pids.some(alive)) {
    if (Date.now() > until) throw new Error(`PostgreSQL processes ${pids.filter(alive).join(', ')} did not end within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startCluster(): Promise<PgCluster> {
  const bin = findBinDir();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-pg-'));
  const data = path.join(folder, 'data');
  const logFile = path.join(folder, 'server.log');
  const password = randomBytes(18).toString('hex');
  const pwFile = path.join(folder, 'pw');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    fs.chmodSync(folder, 0o700);
    await run('chown', ['-R', 'postgres:postgres', folder]);
  }
  const remove = () => fs.rmSync(folder, { recursive: true, force: true });
  let port = 0;
  try {
    await pgRun(path.join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, `--pwfile=${pwFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    fs.rmSync(pwFile);
  } catch (error) {
    remove();
    throw error;
  }

  const pgCtl = path.join(bin, 'pg_ctl');
  const start = async () => {
    try {
      await pgRun(pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
    } catch (error) {
      throw new Error(`PostgreSQL did not start on port ${port} (log: ${logFile}): ${(error as Error).message}\n${tail(logFile)}`);
    }
  };
  // fsync = off survives a killed PostgreSQL (the OS keeps its writes); synchronous_commit = off would not:
  // a commit still in WAL buffers dies with the server, and the fault tests would lose what was acknowledged.
  // A free port can be taken between looking and listening: try a few.
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    fs.writeFileSync(
      path.join(data, 'postgresql.auto.conf'),
      [`listen_addresses = '127.0.0.1'`, `port = ${port}`, `unix_socket_directories = '${folder}'`, 'fsync = off', "password_encryption = 'scram-sha-256'", 'max_connections = 200', ''].join('\n'),
    );
    if (asRoot) await run('chown', ['postgres:postgres', path.join(data, 'postgresql.auto.conf')]);
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 3) {
        remove();
        throw error;
      }
    }
  }

  const postmasterPid = (): number | null => {
    try {
      return Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
    } catch {
      return null;
    }
  };

  return {
    superUrl: `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    logFile,
    start,
    async kill() {
      const pid = postmasterPid();
      if (pid === null || !alive(pid)) return;
      // Stopped first, so it forks no new backend between our listing its children and killing them.
      process.kill(pid, 'SIGSTOP');
      const children = childrenOf(pid);
      for (const child of children) process.kill(child, 'SIGKILL');
      process.kill(pid, 'SIGKILL');
      await waitGone([pid, ...children]);
      // PostgreSQL checks its lock files' PID with kill(pid, 0), which a zombie
      // left unreaped by a container's init still answers: the postmaster is dead, so its locks go.
      fs.rmSync(path.join(data, 'postmaster.pid'), { force: true });
      fs.rmSync(path.join(folder, `.s.PGSQL.${port}.lock`), { force: true });
      fs.rmSync(path.join(folder, `.s.PGSQL.${port}`), { force: true });
    },
    async stop() {
      try {
        if (postmasterPid() !== null && alive(postmasterPid() as number)) await pgRun(pgCtl, ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        remove();
      }
    },
  };
}
