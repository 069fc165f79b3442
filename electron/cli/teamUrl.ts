import { connectTeam, type TeamConnection } from '../teamStore/connect';
import { TeamServerError } from '../teamStore/errors';
import { UsageError } from './args';

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

/**
 * Runs one command's `work` on a connection with the URL of `--url`,
 * `HOTLINE_TEAM_URL` or standard input, and always closes it. A refusal from
 * the team server is said on one line as `hotline team <action>: …` (in
 * `explain`'s words when given) with exit code 1; no URL is a usage error.
 */
export async function withTeamLogin(
  values: Record<string, string | boolean | undefined>,
  action: string,
  work: (conn: TeamConnection) => Promise<number>,
  explain: (error: TeamServerError) => string = (error) => error.message,
): Promise<number> {
  const url = await readTeamUrl(typeof values.url === 'string' ? values.url : undefined);
  if (!url) throw new UsageError('no team server URL: give --url, set HOTLINE_TEAM_URL, or pipe it on standard input');
  const conn = connectTeam(url, { kind: 'lead' });
  try {
    return await work(conn);
  } catch (error) {
    if (!(error instanceof TeamServerError)) throw error;
    process.stderr.write(`hotline team ${action}: ${explain(error)}\n`);
    return 1;
  } finally {
    await conn.close();
  }
}
