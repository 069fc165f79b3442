/**
 * A PIN for a command, from standard input only: on the command line it would
 * stay in the shell's history and show in `ps` to every user of the machine.
 * Piped (`printf '4821\n' | hotline setup … --pin-stdin`, how a script sets up
 * many desks), the first line is the PIN. At a terminal, it is asked for and
 * not echoed.
 */
export async function readPin(stdin: NodeJS.ReadStream = process.stdin, prompt: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (stdin.isTTY) return readHidden(stdin, prompt);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
}

function readHidden(stdin: NodeJS.ReadStream, prompt: NodeJS.WriteStream): Promise<string> {
  prompt.write('PIN (4–8 digits, not shown): ');
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (finish: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      prompt.write('\n');
      finish();
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
