import type { Kysely } from 'kysely';
import type { TeamScope } from '../team/scope';
import type { BackupControl } from '../durability/backupControl';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/api/contract';
import type { SavedReport } from '../../shared/api/report';
import type { TelephonyView } from '../../shared/api/telephony';
import { HotlineError } from '../../shared/api/result';
import type { Lang } from '../../shared/i18n';
import { parseTypedTime } from '../../shared/timing/localTime';
import type { Database, UserRow } from '../store/schema';
import { rawConnectionOf } from '../store/openDb';
import { InProcessRunner, type BulkRunner } from '../worker/bulkRunner';
import { requireUser, type Session } from '../records/deskAndUser';
import { ExportJobs } from '../records/exportJobs';
import { refuse } from '../../shared/i18n/refusals';
import { TeamServerError } from '../teamStore/errors';

/**
 * Who is signed in, per window: each Electron window (webContents) and each
 * browser-mode server run has its own. Records carry who did what from it.
 * Defined in records/deskAndUser.ts, which reads it.
 */
export type { Session } from '../records/deskAndUser';

/** What every handler gets: the store, the clock (injected so tests control time) and the window's session. */
export interface HandlerContext {
  db: Kysely<Database>;
  now: () => number;
  session: Session;
  /** Team scope (issue 14): the team server read with a lead's or admin's login; absent while this desk keeps no such URL. */
  team?: TeamScope;
  /** Shows a desktop notification; absent in browser mode and tests. */
  notify?: (title: string, body: string) => boolean;
  /** Where export files go and import files come from; absent where there is no person to ask (the CLI has its own). */
  files?: FileHost;
  /** The running app's automatic backups (the admin's Backups card); absent in tests and the CLI. */
  backups?: BackupControl;
  /** The settings file beside the database (the desktop app and browser mode); absent where no page runs. */
  settings?: DeskSettings;
  /** The asking window's report as PDF (desktop app only: browser mode prints with the browser). */
  printer?: ReportPrinter;
  /**
   * Where exports and imports run: the bulk worker thread in the desktop app and browser mode,
   * so that no click waits behind them. Absent in handler tests: then on this connection.
   */
  bulk?: BulkRunner;
  /**
   * The app's running exports: browser mode's download route reads the same object.
   * Absent in handler tests: then one per connection (`exportsOf`).
   */
  exports?: ExportJobs;
  /** The running app's telephony inputs (the admin's Telephony card); absent in tests and the CLI. */
  telephony?: TelephonyCard;
}

/** What the Telephony card reads and saves; saving restarts the inputs in place (startup/telephonyControl.ts). */
export interface TelephonyCard {
  /** Everything but this computer's LAN addresses, which the request reads itself. */
  view(): Omit<TelephonyView, 'lanAddresses'>;
  save(changes: {
    amiUrl?: string | null;
    extension?: string | null;
    queues?: string[];
    ctiEnabled?: boolean;
    ctiHost?: string;
    ctiAllowFrom?: string[];
    ctiPort?: number;
  }): Promise<Omit<TelephonyView, 'lanAddresses'>>;
}

const exportsByConnection = new WeakMap<Kysely<Database>, ExportJobs>();

/** The context's export jobs, or the connection's own where the context brings none. */
export function exportsOf(ctx: Pick<HandlerContext, 'db' | 'exports'>): ExportJobs {
  if (ctx.exports) return ctx.exports;
  let jobs = exportsByConnection.get(ctx.db);
  if (!jobs) exportsByConnection.set(ctx.db, (jobs = new ExportJobs()));
  return jobs;
}

/** The context's bulk runner, or one on the context's own connection. */
export function bulkOf(ctx: HandlerContext): BulkRunner {
  return ctx.bulk ?? new InProcessRunner({ db: ctx.db, sqlite: rawConnectionOf(ctx.db), file: '' });
}

/** Turns the asking window's page into an A4 PDF in a file the person picks (electron/main/reportPdf.ts). */
export interface ReportPrinter {
  /** Null when the person cancelled the save dialog (nothing is written then). */
  savePdf(suggestedName: string): Promise<SavedReport | null>;
}

/**
 * The two transports move files differently: the desktop app asks with its
 * own save and open dialogs; browser mode writes exports to a private
 * temporary folder the page downloads from, and imports what the page uploaded.
 */
export interface FileHost {
  /** Where an export goes; null when the person cancelled the dialog. */
  exportTarget(suggestedName: string): Promise<{ file: string; download: boolean } | null>;
  /** The file to import (browser mode: the upload it names); null when the person cancelled. */
  importSource(upload: string | undefined): Promise<{ file: string; fileName: string } | null>;
  /**
   * Called once the file is no longer needed: after its import, or when a "Check first" of it
   * lapses or is replaced (browser mode deletes the upload; a check alone keeps it for the import).
   */
  imported?(file: string): void;
}

/** The window's way to files; the CLI and tests without one are told to use the commands. */
export function filesOf(ctx: HandlerContext): FileHost {
  if (!ctx.files) throw refuse('files_unavailable');
  return ctx.files;
}

/** What the page may keep in `<db>.settings.json`: only its language. */
export interface DeskSettings {
  rememberLang(lang: Lang): void;
}

export { isLead, requireDesk, requireUser } from '../records/deskAndUser';

export type Handler<K extends MethodName> = (req: RequestOf<K>, ctx: HandlerContext) => Promise<ResponseOf<K>>;
export type HandlerTable = { [K in MethodName]: Handler<K> };

/** Team-lead and admin actions: sign-off, editing someone else's record, the policy, the profiles. */
export async function requireRole(db: Kysely<Database>, session: Session, roles: ReadonlyArray<UserRow['role']>): Promise<UserRow> {
  const user = await requireUser(db, session);
  if (!roles.includes(user.role)) {
    // The roles that may, as data: the page names them in its language.
    throw new HotlineError('forbidden', `Only ${roles.map((r) => r.replace('_', ' ')).join(' or ')} profiles may do that.`, undefined, [...roles]);
  }
  return user;
}

/** A click older than this is not taken at its word: a retry stops long before (renderer/src/api.ts). */
export const MAX_CLICK_AGE_MS = 5 * 60_000;

/**
 * The context of a request that says when its click happened: its clock reads
 * that instant, so every time the handler logs ("now", the moment, the audit's
 * time) is the click's, also when the request is a retry after `store_busy`.
 * A click cannot be later than now (a page's clock a few ms ahead is read as now).
 */
export function atClick(ctx: HandlerContext, clickedAt: number | undefined): HandlerContext {
  if (clickedAt === undefined) return ctx;
  const now = ctx.now();
  if (clickedAt < now - MAX_CLICK_AGE_MS) {
    throw refuse('click_too_old', {}, 'clickedAt');
  }
  const at = Math.min(clickedAt, now);
  return { ...ctx, now: () => at };
}

const TIME_ERRORS = {
  format: ['time_format', 'Type the time as HH:MM or YYYY-MM-DD HH:MM.'],
  nonexistent: ['time_nonexistent', 'That local time does not exist (the clocks changed for daylight saving).'],
  future: ['time_future', 'That time is in the future.'],
  past: ['follow_up_due_past', 'That time has already passed.'],
} as const;

/**
 * The instant a button click stands for: now, or a time the agent typed
 * (read off the phone's display when the call is logged late).
 */
export function momentOf(typed: string | undefined, zone: string, ctx: HandlerContext, field = 'at'): number {
  const now = ctx.now();
  if (typed === undefined || typed.trim() === '') return now;
  return parseOrThrow(typed, zone, now, 'past', field);
}

/** A deadline typed by a person; it must lie ahead. */
export function deadlineOf(typed: string, zone: string, ctx: HandlerContext, field: string): number {
  return parseOrThrow(typed, zone, ctx.now(), 'future', field);
}

function parseOrThrow(typed: string, zone: string, now: number, expect: 'past' | 'future', field: string): number {
  const parsed = parseTypedTime(typed, zone, now, expect);
  if (parsed.ok) return parsed.epochMs;
  const [code, message] = TIME_ERRORS[parsed.error];
  throw new HotlineError(code, message, field);
}

/** Team scope is a lead's or admin's, on a desk that keeps such a URL: the scope, and who asks. */
export async function requireTeamScope(ctx: Pick<HandlerContext, 'db' | 'session' | 'team'>, field?: string): Promise<{ team: TeamScope; user: UserRow }> {
  const user = await requireRole(ctx.db, ctx.session, ['team_lead', 'admin']);
  if (!ctx.team) throw refuse('team_scope_unavailable', {}, field);
  return { team: ctx.team, user };
}

/** A read or write on the team server, its refusals and silences said as the desk's screens say them. */
export async function onTeamServer<T>(work: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TeamServerError) throw refuse('team_unreachable', { why: error.message }, field);
    throw error;
  }
}
