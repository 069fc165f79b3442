import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The bundled `hotline` CLI as a real child process; resolves with its exit code and output, never throws.
 * `input` is written to its standard input, which is then closed (a PIN for --pin-stdin).
 */
export async function runCli(cli: string, args: string[], options: { input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const pending = run(process.execPath, [cli, ...args], { env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
    if (options.input !== undefined) pending.child.stdin?.end(options.input);
    const { stdout, stderr } = await pending;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
