import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface Run {
  lines: string[];
  stderr: string;
  /** Where the kill landed: while opening the database, or while logging calls. */
  phase: 'opening' | 'logging' | 'exited';
  code: number | null;
}

/**
 * One child process. It is started ahead of its turn and waits, loaded, for
 * "go": loading the bundle takes longer than a run, so the next child loads
 * while the last one runs and is checked.
 */
export class Child {
  private readonly proc: ChildProcessByStdio<Writable, Readable, Readable>;
  private out = '';
  private stderr = '';
  private phase: Run['phase'] = 'exited';
  private onOutput: () => void = () => undefined;
  readonly loaded: Promise<void>;
  private readonly closed: Promise<number | null>;

  constructor(bundle: string, file: string, nodePath: string) {
    this.proc = spawn(process.execPath, [bundle, file], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: nodePath } });
    this.proc.stdout.on('data', (chunk: Buffer) => {
      this.out += chunk.toString();
      this.onOutput();
    });
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.closed = new Promise((resolve) => this.proc.once('close', resolve));
    this.loaded = new Promise((resolve, reject) => {
      this.onOutput = () => this.out.startsWith('loaded\n') && resolve();
      void this.closed.then(() => reject(new Error(`the child exited before it loaded: ${this.stderr}`)));
    });
  }

  /**
   * Lets the child run and SIGKILLs it at a random moment: one kill in five
   * lands while it opens the database (crash recovery, the integrity check,
   * the migration check), the others while it is logging calls.
   */
  async runAndKill(seqBase: number, rnd: () => number, maxRunMs: number): Promise<Run> {
    const duringOpen = rnd() < 0.2;
    const delay = duringOpen ? rnd() * 30 : rnd() * maxRunMs;
    const mark = duringOpen ? '\nopening\n' : '\nready\n';
    let timer: NodeJS.Timeout | null = null;
    this.onOutput = () => {
      if (timer === null && this.out.includes(mark)) {
        timer = setTimeout(() => {
          this.phase = duringOpen ? 'opening' : 'logging';
          this.proc.kill('SIGKILL');
        }, delay);
      }
    };
    const watchdog = setTimeout(() => this.proc.kill('SIGKILL'), 20_000);
    this.proc.stdin.write(`go ${seqBase}\n`);
    const code = await this.closed;
    if (timer) clearTimeout(timer);
    clearTimeout(watchdog);
    // Only whole lines count: a line cut by the kill was never fully acknowledged.
    return { lines: this.out.split('\n').slice(0, -1), stderr: this.stderr, phase: this.phase, code };
  }

  kill(): void {
    this.proc.kill('SIGKILL');
  }
}
