import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliOptions {
  /** Written to the command's standard input, which is then closed (closed at once without it). */
  stdin?: string;
  /** Variables added to the environment (LANG for the system's locale, say). */
  env?: Record<string, string>;
}

/** The bundled `hotline` CLI as a real child process; resolves with its exit code and output, never throws. */
export async function runCli(cli: string, args: string[], options: CliOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const running = run(process.execPath, [cli, ...args], { env: { ...process.env, NODE_PATH: path.resolve('node_modules'), ...options.env } });
  running.child.stdin?.end(options.stdin ?? '');
  try {
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
