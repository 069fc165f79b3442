import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { HotlineError } from '../../shared/api/result';
import { defaultPolicy } from '../../shared/policy/defaults';
import type { Policy } from '../../shared/policy/schema';
import { canonicalTimeZone, isValidTimeZone } from '../../shared/timing/localTime';
import { checkedPolicy, currentPolicy, policyOf, savePolicyVersion } from '../records/policies';
import { policyTrail, previewVersion } from '../records/policyVersions';
import { findDesk } from '../store/desk';
import { hasPolicy } from '../store/policies';
import type { Database } from '../store/schema';
import { DB_HELP, UsageError, type Command } from './args';
import { formatImpact, formatSaved, formatTrail, policyMessages } from './policyText';
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
  usage: `hotline policy export [FILE] [--zone IANA] [--db PATH]
hotline policy import FILE [--from YYYY-MM-DD [--yes] [--reason TEXT]] [--lang zh|en] [--db PATH]
hotline policy history [--json] [--lang zh|en] [--db PATH]

export   writes the policy in force now as JSON to FILE (or to standard output).
         On a desk not set up yet and without an imported policy: the default
         policy, in the time zone of --zone (default: this system's), a
         template to edit and import everywhere
import   validates FILE and, when it has no problem, makes it the new policy
         version; a bad file is refused with every problem listed, and the
         current policy stays. Without --from it is in force from now on and
         records already logged keep their own version. Before set-up too:
         hotline setup then keeps it instead of the defaults.
  --from DATE    in force from DATE 00:00 in the policy's time zone until the
                 next later version starts; the records whose call time falls
                 in that span are re-judged by it (due times and verdicts).
                 Prints what would change and changes nothing without --yes.
  --yes          apply it
  --reason TEXT  why; needed when signed-off days would change
history  every version saved: who, when, in force from, why, how many records
         were re-judged and which signed-off days were touched (newest first)

  --lang zh|en   import and history: the output in Chinese or English (default)
  ${DB_HELP}
  --zone IANA    export only: the zone of the default policy, e.g. Asia/Shanghai`,
  options: { zone: { type: 'string' }, from: { type: 'string' }, yes: { type: 'boolean' }, reason: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
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
    const lang = values.lang ?? 'en';
    if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang is zh or en');
    const say = policyMessages(lang);
    if (action === 'history') {
      const entries = await withStore(values, (store) => policyTrail(store.db, (id) => policyOf(store.db, id)));
      process.stdout.write(values.json ? `${JSON.stringify(entries, null, 2)}\n` : `${formatTrail(entries, lang)}\n`);
      return 0;
    }
    if (action === 'import') {
      if (!file) throw new UsageError('policy import needs the FILE to read');
      let candidate: unknown;
      try {
        candidate = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        process.stderr.write(`hotline policy: ${say.unreadable(file, error instanceof Error ? error.message : String(error))}\n`);
        return 1;
      }
      const from = typeof values.from === 'string' ? values.from : undefined;
      const reason = typeof values.reason === 'string' ? values.reason : undefined;
      try {
        return await withStore(values, async (store) => {
          const now = Date.now();
          if (from !== undefined) {
            const impact = await previewVersion(store.db, checkedPolicy(candidate), from, now);
            process.stdout.write(`${formatImpact(impact, lang)}\n`);
            if (!values.yes) {
              process.stdout.write(`${say.notApplied}\n`);
              return 0;
            }
          }
          const progress = process.stderr.isTTY ? ({ done, total }: { done: number; total: number }) => process.stderr.write(`\r${say.progress(done, total)}`) : undefined;
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
          process.stdout.write(`${formatSaved(saved, file, lang)}\n`);
          return 0;
        });
      } catch (error) {
        if (!(error instanceof HotlineError)) throw error;
        if (error.problems && error.code === 'invalid_policy') {
          process.stderr.write(`hotline policy: ${say.refused(file)}\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
        } else if (error.code === 'archived_needs_reason') {
          process.stderr.write(`hotline policy: ${say.needsReason((error.problems ?? []).join(say.sep))}\n`);
        } else if (error.field === 'effectiveFrom') {
          const why = error.code === 'effective_from_future' ? say.future((from ?? '').trim()) : say.invalidDate;
          process.stderr.write(`hotline policy: ${say.badFrom(from ?? '', why)}\n`);
        } else {
          process.stderr.write(`hotline policy: ${say.failed(error.message)}\n`);
        }
        return 1;
      }
    }
    throw new UsageError(action ? `unknown action "${action}"` : 'say export, import or history');
  },
};

/**
 * The policy in force now; on a fresh database (no desk, nothing imported) the
 * defaults in `zone`, else this system's zone, without writing anything. On a
 * set-up desk --zone is refused: its policy has its own zone.
 */
async function policyToExport(db: Kysely<Database>, zone: string | undefined): Promise<Policy> {
  const fresh = !(await findDesk(db)) && !(await hasPolicy(db));
  if (!fresh && zone !== undefined) {
    throw new UsageError('--zone is only for a database with no policy yet; this one has a policy, with its own zone (calendar.timeZone)');
  }
  if (fresh) return defaultPolicy(zone ?? systemZone());
  return (await currentPolicy(db, Date.now())).policy;
}

/** The zone this machine runs in, as IANA names it. */
export const systemZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A zone as IANA spells it, or a usage error that says which flag was wrong. */
export function checkedZone(zone: string): string {
  if (!isValidTimeZone(zone)) throw new UsageError(`--zone: unknown time zone "${zone}"; use an IANA name such as Asia/Shanghai or Europe/Berlin`);
  return canonicalTimeZone(zone);
}
