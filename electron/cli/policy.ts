import fs from 'node:fs';
import { HotlineError } from '../../shared/api/result';
import { currentPolicy, savePolicyVersion } from '../handlers/policy';
import { DB_HELP, UsageError, type Command } from './args';
import { withStore } from './withStore';

/** How an admin gives every desk the same policy: export it from one, import it into the others. */
export const policyCommand: Command = {
  name: 'policy',
  summary: 'export the timing policy as JSON, or import one (validated first)',
  usage: `hotline policy export [FILE] [--db PATH]
hotline policy import FILE [--db PATH]

export  writes the current policy as JSON to FILE (or to standard output)
import  validates FILE and, when it has no problem, makes it the new policy
        version; a bad file is refused with every problem listed, and the
        current policy stays. Records already logged keep their own version.

  ${DB_HELP}`,
  options: {},
  async run(values, positionals) {
    const [action, file] = positionals;
    if (action === 'export') {
      const json = await withStore(values, async (store) => `${JSON.stringify((await currentPolicy(store.db)).policy, null, 2)}\n`);
      if (file) fs.writeFileSync(file, json);
      else process.stdout.write(json);
      return 0;
    }
    if (action === 'import') {
      if (!file) throw new UsageError('policy import needs the FILE to read');
      let candidate: unknown;
      try {
        candidate = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        process.stderr.write(`hotline policy: ${file} is not a readable JSON file (${error instanceof Error ? error.message : String(error)})\n`);
        return 1;
      }
      try {
        const saved = await withStore(values, (store) => savePolicyVersion(store.db, candidate, Date.now(), `hotline policy import (${file})`));
        process.stdout.write(`Policy version ${saved.version} is now in force (from ${file}).\n`);
        return 0;
      } catch (error) {
        if (!(error instanceof HotlineError) || !error.problems) throw error;
        process.stderr.write(`hotline policy: ${file} was refused; the current policy stays. Problems:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
        return 1;
      }
    }
    throw new UsageError(action ? `unknown action "${action}"` : 'say export or import');
  },
};
