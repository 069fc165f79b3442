import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HotlineError } from '../../shared/api/result';
import { checkedPolicy, currentPolicy, policyOf, savePolicyVersion } from '../handlers/policy';
import { policyTrail, previewVersion } from '../records/policyVersions';
import { DB_HELP, UsageError, type Command } from './args';
import { formatImpact, formatSaved, formatTrail } from './policyText';
import { withStore } from './withStore';

/** Who runs the CLI, for the trail: the OS account, as there is no signed-in profile. */
function whoRuns(file: string): string {
  let user = 'unknown user';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the file still says where the version came from.
  }
  return `${user} (hotline policy import ${path.basename(file)})`;
}

/** How an admin gives every desk the same policy: export it from one, import it into the others. */
export const policyCommand: Command = {
  name: 'policy',
  summary: 'export the timing policy as JSON, import one (validated first, optionally back-dated), or show its history',
  usage: `hotline policy export [FILE] [--db PATH]
hotline policy import FILE [--from YYYY-MM-DD [--yes] [--reason TEXT]] [--db PATH]
hotline policy history [--json] [--db PATH]

export   writes the policy in force now as JSON to FILE (or to standard output)
import   validates FILE and, when it has no problem, makes it the new policy
         version; a bad file is refused with every problem listed, and the
         current policy stays. Without --from it is in force from now on and
         records already logged keep their own version.
  --from DATE    in force from DATE 00:00 in the policy's time zone until the
                 next later version starts; the records whose call time falls
                 in that span are re-judged by it (due times and verdicts).
                 Prints what would change and changes nothing without --yes.
  --yes          apply it
  --reason TEXT  why; needed when signed-off days would change
history  every version saved: who, when, in force from, why, how many records
         were re-judged and which signed-off days were touched (newest first)

  ${DB_HELP}`,
  options: { from: { type: 'string' }, yes: { type: 'boolean' }, reason: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    const [action, file] = positionals;
    if (action === 'export') {
      const json = await withStore(values, async (store) => `${JSON.stringify((await currentPolicy(store.db, Date.now())).policy, null, 2)}\n`);
      if (file) fs.writeFileSync(file, json);
      else process.stdout.write(json);
      return 0;
    }
    if (action === 'history') {
      const entries = await withStore(values, (store) => policyTrail(store.db, (id) => policyOf(store.db, id)));
      process.stdout.write(values.json ? `${JSON.stringify(entries, null, 2)}\n` : `${formatTrail(entries)}\n`);
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
      const from = typeof values.from === 'string' ? values.from : undefined;
      const reason = typeof values.reason === 'string' ? values.reason : undefined;
      try {
        return await withStore(values, async (store) => {
          const now = Date.now();
          if (from !== undefined) {
            const impact = await previewVersion(store.db, checkedPolicy(candidate), from, now);
            process.stdout.write(`${formatImpact(impact)}\n`);
            if (!values.yes) {
              process.stdout.write('Nothing was changed: add --yes to apply it.\n');
              return 0;
            }
          }
          const progress = process.stderr.isTTY ? ({ done, total }: { done: number; total: number }) => process.stderr.write(`\rre-judged ${done}/${total}`) : undefined;
          const saved = await savePolicyVersion(store.db, candidate, {
            now,
            author: whoRuns(file),
            authorId: null,
            source: 'cli',
            effectiveFrom: from,
            reason,
            ...(progress ? { onProgress: progress } : {}),
          });
          if (progress) process.stderr.write('\n');
          process.stdout.write(`${formatSaved(saved, file)}\n`);
          return 0;
        });
      } catch (error) {
        if (!(error instanceof HotlineError)) throw error;
        if (error.problems && error.code === 'invalid_policy') {
          process.stderr.write(`hotline policy: ${file} was refused; the current policy stays. Problems:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
        } else if (error.code === 'archived_needs_reason') {
          process.stderr.write(`hotline policy: ${error.message} Nothing was changed: add --reason TEXT to apply it.\n`);
        } else if (error.field === 'effectiveFrom') {
          process.stderr.write(`hotline policy: --from ${from ?? ''}: ${error.message} Nothing was changed.\n`);
        } else {
          process.stderr.write(`hotline policy: ${error.message} Nothing was changed.\n`);
        }
        return 1;
      }
    }
    throw new UsageError(action ? `unknown action "${action}"` : 'say export, import or history');
  },
};
