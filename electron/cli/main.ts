import { DatabaseFromFutureError } from '../store/openDb';
import { parseCommandArgs, UsageError, type Command } from './args';
import { backupCommand } from './backup';
import { ctiCommand } from './cti';
import { demoCommand } from './demo';
import { exportCommand } from './export';
import { importCommand } from './import';
import { policyCommand } from './policy';
import { restoreCommand } from './restore';
import { serveCommand } from './serve';
import { setupCommand } from './setup';
import { statsCommand } from './stats';
import { teamCommand } from './team';
import { usersCommand } from './users';

/** The `hotline` command. Each subcommand lives in its own file. */
const COMMANDS: Command[] = [setupCommand, serveCommand, policyCommand, statsCommand, demoCommand, exportCommand, importCommand, backupCommand, restoreCommand, usersCommand, teamCommand, ctiCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: hotline <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --db PATH and --help. HOTLINE_DB overrides the default database.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${overview()}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`hotline: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`hotline ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof DatabaseFromFutureError) {
      process.stderr.write(`hotline: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
