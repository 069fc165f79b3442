/**
 * The team server's URL for a command: --url, else HOTLINE_TEAM_URL, else the
 * first line of standard input. A URL holds a password: on the command line
 * it stays in the shell's history and shows in ps, so that gets a warning.
 */
export async function readTeamUrl(flag: string | undefined, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (flag !== undefined) {
    process.stderr.write('hotline team: warning: a URL on the command line stays in your shell history and shows in ps; prefer HOTLINE_TEAM_URL or standard input\n');
    return flag.trim();
  }
  const env = process.env.HOTLINE_TEAM_URL;
  if (env) return env.trim();
  if (stdin.isTTY) process.stderr.write('Team server URL: ');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    if (chunks.some((c) => c.includes(10))) break;
  }
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
}
