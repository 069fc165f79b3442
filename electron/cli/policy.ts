import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { HotlineError } from '../../shared/api/result';
import { defaultPolicy } from '../../shared/policy/defaults';
import type { Policy } from '../../shared/policy/schema';
import { canonicalTimeZone, isValidTimeZone } from '../../shared/timing/localTime';
import { currentPolicy, savePolicyVersion } from '../handlers/policy';
import { findDesk } from '../store/desk';
import { latestPolicy } from '../store/policies';
import type { Database } from '../store/schema';
import { DB_HELP, UsageError, type Command } from './args';
import { withStore } from './withStore';

/** How an admin gives every desk the same policy: export it from one, import it into the others. */
export const policyCommand: Command = {
  name: 'policy',
  summary: 'export the timing policy as JSON, or import one (validated first)',
  usage: `hotline policy export [FILE] [--zone IANA] [--db PATH]
hotline policy import FILE [--db PATH]

export  writes the current policy as JSON to FILE (or to standard output).
        On a desk not set up yet and without an imported policy: the default
        policy, in the time zone of --zone (default: this system's), a
        template to edit and import everywhere
import  validates FILE and, when it has no problem, makes it the new policy
        version; a bad file is refused with every problem listed, and the
        current policy stays. Records already logged keep their own version.
        Before set-up too: hotline setup then keeps it instead of the defaults

  ${DB_HELP}
  --zone IANA  export only: the zone of the default policy, e.g. Asia/Shanghai`,
  options: { zone: { type: 'string' } },
  async run(values, positionals) {
    const [action, file] = positionals;
    if (action === 'export') {
      const zone = typeof values.zone === 'string' ? checkedZone(values.zone) : undefined;
      const json = await withStore(values, async (store) => `${JSON.stringify(await policyToExport(store.db, zone), null, 2)}\n`);
      if (file) fs.writeFileSync(file, json);
      else process.stdout.write(json);
      return 0;
    }
    if (values.zone !== undefined) throw new UsageError('--zone is for policy export only');
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

/**
 * The policy in force; on a fresh database (no desk, nothing imported) the
 * defaults in `zone`, else this system's zone, without writing anything. On a
 * set-up desk --zone is refused: its policy has its own zone.
 */
async function policyToExport(db: Kysely<Database>, zone: string | undefined): Promise<Policy> {
  const fresh = !(await findDesk(db)) && !(await latestPolicy(db));
  if (!fresh && zone !== undefined) {
    throw new UsageError('--zone is only for a database with no policy yet; this one has a policy, with its own zone (calendar.timeZone)');
  }
  if (fresh) return defaultPolicy(zone ?? systemZone());
  return (await currentPolicy(db)).policy;
}

/** The zone this machine runs in, as IANA names it. */
export const systemZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A zone as IANA spells it, or a usage error that says which flag was wrong. */
export function checkedZone(zone: string): string {
  if (!isValidTimeZone(zone)) throw new UsageError(`--zone: unknown time zone "${zone}"; use an IANA name such as Asia/Shanghai or Europe/Berlin`);
  return canonicalTimeZone(zone);
}
