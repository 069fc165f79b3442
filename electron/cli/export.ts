import path from 'node:path';
import { exportArchive } from '../archive/export';
import type { ArchiveFormat, ArchiveLang } from '../archive/types';
import { DB_HELP, UsageError, type Command } from './args';
import { dbFileOf, withStore } from './withStore';
import { readTeamUrl } from '../durability/teamUrl';
import { openTeamScope } from '../team/scope';
import { exportTeam } from '../team/teamExport';
import { TeamServerError } from '../teamStore/errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Progress to stderr at each tenth of the way, so a long export shows it is moving. */
function progressLine(): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth === shown) return;
    shown = tenth;
    process.stderr.write(`  exporting… ${tenth * 10} %\n`);
  };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a period’s records to Excel (.xlsx, with steps and summary sheets) or CSV',
  usage: `hotline export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx|FILE.csv [--lang zh|en] [--team [--desk CODE,…]] [--db PATH]

Writes every record of the local dates from --from to --to, across all desks
in the database, in the hotline record sheet's column order. An .xlsx file also
has a sheet with every handling step and a summary sheet (the figures of
hotline stats); a .csv file (UTF-8 with BOM) has the records only. The file
appears under its name only once complete.

  --out FILE     where to write; .xlsx or .csv decides the format
  --lang zh|en   headers and values in Chinese (default) or English
  --team         the whole team's records from the team server (the lead's or
                 admin's URL this desk joined with, else $HOTLINE_TEAM_URL),
                 written by the same export; --desk CODE,… only those desks
  ${DB_HELP}`,
  options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, team: { type: 'boolean' }, desk: { type: 'string' } },
  async run(values) {
    const { from, to, out } = values;
    if (typeof from !== 'string' || !DATE.test(from)) throw new UsageError('--from YYYY-MM-DD is needed');
    if (typeof to !== 'string' || !DATE.test(to)) throw new UsageError('--to YYYY-MM-DD is needed');
    if (to < from) throw new UsageError('--to is before --from');
    if (typeof out !== 'string' || out === '') throw new UsageError('--out FILE.xlsx or --out FILE.csv is needed');
    const extension = path.extname(out).toLowerCase();
    if (extension !== '.xlsx' && extension !== '.csv') throw new UsageError('--out must end in .xlsx or .csv');
    const format = extension.slice(1) as ArchiveFormat;
    const lang = values.lang ?? 'zh';
    if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang is zh or en');

    const file = path.resolve(out);
    const started = performance.now();
    if (values.desk !== undefined && !values.team) throw new UsageError('--desk goes with --team');
    const scopeUrl = values.team ? (readTeamUrl(dbFileOf(values), undefined, 'scope') ?? process.env.HOTLINE_TEAM_URL ?? null) : null;
    if (values.team && !scopeUrl) throw new UsageError('--team needs a lead\'s or admin\'s URL: hotline team join LEAD-URL, or set HOTLINE_TEAM_URL');
    const desks = typeof values.desk === 'string' ? values.desk.split(',').map((d) => d.trim()).filter(Boolean) : undefined;
    const options = { filter: { from, to }, format, lang: lang as ArchiveLang, file, now: Date.now(), onProgress: progressLine() };
    const result = await withStore(values, async (store) => {
      if (!scopeUrl) return exportArchive(store.db, options);
      const scope = openTeamScope(scopeUrl);
      try {
        return await exportTeam(scope, store, { ...options, ...(desks ? { desks } : {}) });
      } catch (error) {
        if (error instanceof TeamServerError) throw new UsageError(`the team server: ${error.message}`);
        throw error;
      } finally {
        await scope.close();
      }
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const steps = format === 'xlsx' ? `, ${plural(result.steps, 'step')}` : '';
    process.stdout.write(`Exported ${plural(result.rows, 'record')}${steps} (${from} – ${to}) to ${file} in ${seconds} s.\n`);
    return 0;
  },
};
