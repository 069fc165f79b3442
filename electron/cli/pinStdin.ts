import readline from 'node:readline';
import { Writable } from 'node:stream';

/**
 * A PIN from standard input, never from the command line, where it would land
 * in the shell's history and in `ps` for every user of the machine. Piped
 * input: its first line. A terminal: a prompt on stderr, and the digits are
 * not echoed.
 */
export async function readPinFromStdin(input: NodeJS.ReadStream = process.stdin, prompt: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (input.isTTY) {
    prompt.write('PIN (4 to 8 digits, not shown): ');
    // readline echoes what is typed to its output; a sink for output means nothing is echoed.
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = readline.createInterface({ input, output: silent, terminal: true });
    try {
      return await new Promise<string>((resolve) => rl.once('line', resolve));
    } finally {
      rl.close();
      prompt.write('\n');
    }
  }
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}
