import { z } from 'zod';
import {
  CATEGORIES,
  CUSTOMER_TYPES,
  FEEDBACKS,
  MAX_LABEL,
  MAX_TEXT,
  MISS_REASONS,
  REQUEST_TYPES,
  RESULTS,
} from '../domain/fields';
import { TARGET_KINDS } from '../timing/compliance';
import { ARCHIVE_FORMATS, ARCHIVE_LANGS, JOB_ID, UPLOAD_ID, type ExportJob, type ImportResult } from './archive';
import { CHECK_ID, type ImportCheck, type ImportProgress } from './importCheck';
import { MAX_PATH_LENGTH, type BackupsView } from './backups';
import type { PolicyImpact, PolicyTrailEntry, SavedPolicy } from './policy';
import type { LockoutsView } from './lockout';
import type { TeamDayStatus, TeamRecordView, TeamScopeView, TeamSignOffList, TeamStatus } from './team';
import type { TeamBoard } from './board';
import { REVIEW_SORTS, REVIEW_STATES, type ReviewPage } from './review';
import { MEASURE_METRICS, type MeasureView, type StatsReport } from './stats';
import type { PeriodReport, SavedReport } from './report';
import type { AuditEntry, CallRecord, DayList, DayStatus, DeskInfo, FollowUpItem, PolicyVersion, UserView } from './records';
import type { ApiResult } from './result';
import type { CallerHistory, MissedCallView, TelephonyView } from './telephony';

/**
 * The one API contract between the renderer and the main process.
 * Every request is a strict zod object: unknown fields, wrong types and
 * oversized text are refused before a handler runs. Both transports (IPC and
 * browser mode) and both sides (client, handler table) derive from this file.
 */

const id = z.number().int().positive();
const label = z.string().max(MAX_LABEL);
const text = z.string().max(MAX_TEXT);
/** A time typed from a phone display, e.g. '14:23' or '2024-05-20 14:23'; absent = now. */
const typedTime = z.string().max(40).optional();
const score = z.number().int().min(1).max(5).nullable();
/** Why a record changes after its day was signed off, or why a timestamp is corrected. */
const changeReason = text.optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const role = z.enum(['agent', 'team_lead', 'admin']);

/** The Review screen's filter: what its list shows is what an export writes. */
const reviewFilter = {
  from: isoDate,
  to: isoDate,
  deskCode: label.optional(),
  agent: label.optional(),
  priority: label.optional(),
  category: z.enum(CATEGORIES).optional(),
  requestType: z.enum(REQUEST_TYPES).optional(),
  customerType: z.enum(CUSTOMER_TYPES).optional(),
  result: z.enum(RESULTS).optional(),
  state: z.enum(REVIEW_STATES).optional(),
  text: label.optional(),
};
/** A reason for one missed target: the desk's request and a lead's inbox entry for another desk (sendToDesk) share it. */
const addMissReasonFields = {
  kind: z.enum(TARGET_KINDS),
  index: z.number().int().min(0).max(100),
  code: z.enum(MISS_REASONS),
  text: text.optional(),
  changeReason,
};
/** A follow-up or callback done: the desk's request and a lead's inbox entry share it. */
const completeFollowUpFields = {
  kind: z.enum(['resolution', 'progressUpdate', 'resultTold', 'callback', 'leadFollowUp']),
  outcome: text,
  changeReason,
};
/** A desk code on the team server (hotline team add-desk). */
const teamDeskCode = z.string().min(1).max(12);
const job = z.strictObject({ job: z.string().regex(JOB_ID) });
const uploadId = z.string().regex(UPLOAD_ID);
const checkId = z.string().regex(CHECK_ID);
/**
 * When the person clicked, epoch ms, by the page's clock (the same machine's).
 * A click answered `store_busy` is sent again with the same instant, so that
 * the moment is logged at the click, not at the retry.
 */
const clickedAt = z.number().int().nonnegative().optional();
/** An IANA zone name; the handler checks that it exists. */
const zone = z.string().max(64);

export const requestSchemas = {
  getDesk: z.strictObject({}),
  setupDesk: z.strictObject({
    code: z.string().max(20),
    timeZone: z.string().max(64),
    agentName: label,
    pin: z.string().max(8).optional(),
  }),
  /** The page's language, kept beside the database for start-up's dialogs (which speak before any page). */
  rememberLanguage: z.strictObject({ lang: z.enum(['zh', 'en']) }),
  startCall: z.strictObject({ at: typedTime, clickedAt }),
  answerCall: z.strictObject({ id, at: typedTime, changeReason, clickedAt }),
  updateCall: z.strictObject({
    id,
    patch: z.strictObject({
      salutation: label.nullable().optional(),
      /** Whatever was typed or pasted; only its last four digits are kept. */
      phone: label.nullable().optional(),
      customerType: z.enum(CUSTOMER_TYPES).nullable().optional(),
      requestType: z.enum(REQUEST_TYPES).nullable().optional(),
      category: z.enum(CATEGORIES).nullable().optional(),
      /** Checked against the record's policy levels by the handler. */
      priority: z.string().max(24).nullable().optional(),
      reason: label.nullable().optional(),
      handler: label.nullable().optional(),
      feedback: z.enum(FEEDBACKS).nullable().optional(),
      feedbackReason: text.nullable().optional(),
      scoreSpeed: score.optional(),
      scoreProfessionalism: score.optional(),
      scoreResolution: score.optional(),
      remarks: text.nullable().optional(),
    }),
    changeReason,
  }),
  setResult: z.strictObject({
    id,
    result: z.enum(RESULTS).nullable(),
    followUpDue: z.string().max(40).optional(),
    followUpOwner: label.optional(),
    note: text.optional(),
    changeReason,
  }),
  transferCall: z.strictObject({ id, to: label, at: typedTime, changeReason, clickedAt }),
  answerTransfer: z.strictObject({ id, at: typedTime, changeReason, clickedAt }),
  addStep: z.strictObject({ id, text, changeReason, clickedAt }),
  closeCall: z.strictObject({ id, at: typedTime, changeReason, clickedAt }),
  /** Voids a record logged by mistake: kept, read-only, counted nowhere. The reason is required (checked by the handler, next to its field). */
  voidCall: z.strictObject({ id, reason: text, clickedAt }),
  getCall: z.strictObject({ id }),
  listDay: z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  suggestReasons: z.strictObject({ prefix: label }),
  getPolicy: z.strictObject({ version: id.optional() }),
  /**
   * Validated in full by the handler, so that every problem can be listed.
   * effectiveFrom: YYYY-MM-DD, in force from that day 00:00 in the policy's zone
   * (absent: from now); the records since are re-judged. reason: required when
   * that touches signed-off days. Checked by the handler, next to its field.
   */
  savePolicy: z.strictObject({ policy: z.unknown(), effectiveFrom: z.string().max(40).optional(), reason: text.optional() }),
  /** What savePolicy with the same fields would re-judge, writing nothing. */
  previewPolicy: z.strictObject({ policy: z.unknown(), effectiveFrom: z.string().max(40).optional() }),
  /** The policy-level trail, newest first. */
  policyHistory: z.strictObject({}),
  suggestHolidays: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/), year: z.number().int().min(1970).max(2100) }),
  addMissReason: z.strictObject({ id, ...addMissReasonFields }),
  listFollowUps: z.strictObject({}),
  completeFollowUp: z.strictObject({ id, ...completeFollowUpFields }),
  notify: z.strictObject({ title: label, body: z.string().max(500) }),
  whoAmI: z.strictObject({}),
  listUsers: z.strictObject({}),
  signIn: z.strictObject({ userId: id, pin: z.string().max(8).optional() }),
  signOut: z.strictObject({}),
  saveUser: z.strictObject({ id: id.optional(), name: label, role, pin: z.string().max(8).nullable().optional(), active: z.boolean().optional() }),
  /** Corrects a timestamp that feeds the targets; always with a reason, always audited. */
  correctMoment: z.strictObject({
    id,
    moment: z.enum(['call', 'answer', 'transfer', 'transferAnswer', 'close']),
    index: z.number().int().min(0).max(100).optional(),
    at: z.string().max(40),
    changeReason: text,
  }),
  getAudit: z.strictObject({ id }),
  dayStatus: z.strictObject({ date: isoDate }),
  signOffDay: z.strictObject({ date: isoDate }),
  reviewRecords: z.strictObject({
    ...reviewFilter,
    sort: z.enum(REVIEW_SORTS).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    /** team: every desk's records on the team server (leads and admins; deskCode narrows to one desk); read-only. */
    scope: z.enum(['desk', 'team']).optional(),
  }),
  reviewAgents: z.strictObject({ from: isoDate, to: isoDate, scope: z.enum(['desk', 'team']).optional(), deskCode: label.optional() }),
  /** scope team: every desk's records on the team server (leads and admins), optionally only `desks`. */
  getStats: z.strictObject({ from: isoDate, to: isoDate, scope: z.enum(['desk', 'team']).optional(), desks: z.array(z.string().min(1).max(12)).max(500).optional() }),
  /** Whether this desk reads team scope (a lead's or admin's URL is kept), and the team's desks. */
  teamScope: z.strictObject({}),
  /** Leads and admins in team scope: every desk's open calls with their countdowns, on the server's clock. */
  teamBoard: z.strictObject({}),
  /** Leads and admins in team scope: every desk's day on the team server for sign-off (`desks`: only those, e.g. the one that just pushed). */
  teamSignOffDays: z.strictObject({ date: isoDate, desks: z.array(z.string().min(1).max(12)).max(500).optional() }),
  /** Leads and admins in team scope: signs a desk's day off on the team server in the signed-in lead's name (unique per desk and date). */
  teamSignOffDay: z.strictObject({ desk: z.string().min(1).max(12), date: isoDate }),
  /** Leads and admins in team scope: another desk's record as the server holds it, read-only, with the lead's inbox entries for it. */
  teamRecord: z.strictObject({ deskCode: teamDeskCode, recordNo: label }),
  /**
   * Leads and admins in team scope: a change for another desk's record, put in the team inbox; that desk
   * applies it through its own rules when it next syncs. The same fields as the desk's own request, without the id.
   */
  sendToDesk: z.strictObject({
    deskCode: teamDeskCode,
    recordNo: label,
    change: z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('addMissReason'), ...addMissReasonFields }),
      z.strictObject({ method: z.literal('completeFollowUp'), ...completeFollowUpFields }),
    ]),
  }),
  listMeasures: z.strictObject({}),
  saveMeasure: z.strictObject({
    id: id.optional(),
    problem: text,
    rootCause: text,
    measure: text,
    owner: label,
    deadline: isoDate,
    startDate: isoDate,
    metric: z.enum(MEASURE_METRICS),
  }),
  /** Starts writing the filtered records to a file; the desktop app first asks where (null: the person cancelled). */
  startExport: z.strictObject({
    ...reviewFilter,
    format: z.enum(ARCHIVE_FORMATS),
    lang: z.enum(ARCHIVE_LANGS).optional(),
    /** team: the team's records of the filter from the team server (leads and admins; deskCode narrows to one desk). */
    scope: z.enum(['desk', 'team']).optional(),
  }),
  exportStatus: job,
  cancelExport: job,
  /**
   * Imports a file: the desktop app asks which; browser mode names the file it uploaded; `check`
   * imports the file a checkImport read (in the zone it was checked in). `timeZone`: the zone of a
   * sheet without a 时区 column (default: the desk's).
   */
  importArchive: z.strictObject({ upload: uploadId.optional(), check: checkId.optional(), timeZone: zone.optional() }),
  /** "Check first": reads a file as importArchive would and writes nothing; `check` reads the checked file again (another zone). */
  checkImport: z.strictObject({ upload: uploadId.optional(), check: checkId.optional(), timeZone: zone.optional() }),
  /** How far the profile's running import (or Check first) has read; null when none runs. */
  importProgress: z.strictObject({}),
  /** Stops the profile's running import (or check) while it reads: nothing is imported. */
  cancelImport: z.strictObject({}),
  getBackups: z.strictObject({}),
  /** The desk's link to the team server, as its status line shows it (the teamStatus event carries the same). */
  teamStatus: z.strictObject({}),
  /** The folder for the automatic backups, as the admin typed it; null: back to the default beside the database. */
  setBackupDir: z.strictObject({ dir: z.string().max(MAX_PATH_LENGTH).nullable() }),
  backupNow: z.strictObject({}),
  /** The period report: the period shown on Statistics, and the one compared with (both ends, or neither). */
  getReport: z
    .strictObject({ from: isoDate, to: isoDate, compareFrom: isoDate.optional(), compareTo: isoDate.optional() })
    .refine((r) => (r.compareFrom === undefined) === (r.compareTo === undefined), { message: 'Give both ends of the compared period.', path: ['compareTo'] }),
  /** Desktop app: the window's report view to an A4 PDF, in a file the person chooses (null: they cancelled). */
  printReport: z.strictObject({ from: isoDate, to: isoDate }),
  getLockouts: z.strictObject({}),
  clearLockout: z.strictObject({ userId: id }),
  /** The repeat-caller pop-up: a record's caller (by its last four digits), or four digits as such; never more than four. */
  callerHistory: z.union([z.strictObject({ recordId: id }), z.strictObject({ last4: z.string().regex(/^\d{4}$/) })]),
  /** Missed calls: `open` every one not yet called back (Desk, Follow-ups); with from/to those of the period (Review), `state` narrowing. */
  listMissedCalls: z.union([
    z.strictObject({ open: z.literal(true) }),
    z.strictObject({ from: isoDate, to: isoDate, state: z.enum(['open', 'calledBack']).optional() }),
  ]),
  /** "Mark missed calls as handled": one or many at once; those already called back keep their first callback. */
  markMissedCallsCalledBack: z.strictObject({ ids: z.array(id).min(1).max(1000) }),
  /** Admins: the Telephony card. */
  getTelephony: z.strictObject({}),
  /**
   * Admins: saves the card (a field left out stays as it was; null clears it) and restarts the
   * telephony inputs. The AMI URL is write-only: it is never read back.
   */
  saveTelephony: z.strictObject({
    amiUrl: z.string().max(500).nullable().optional(),
    extension: z.string().max(80).nullable().optional(),
    queues: z.array(z.string().min(1).max(80)).max(50).optional(),
    ctiEnabled: z.boolean().optional(),
    /** Where the CTI endpoint listens: 127.0.0.1 or one of this computer's LAN addresses (TelephonyView.lanAddresses). */
    ctiHost: z.string().max(100).optional(),
    /** Off loopback, required: the addresses or CIDR networks it takes pushes from. */
    ctiAllowFrom: z.array(z.string().max(100)).max(100).optional(),
    /** 1024–65535; left out, the kept port stays. */
    ctiPort: z.number().int().optional(),
  }),
} as const;

type Req<K extends keyof typeof requestSchemas> = z.infer<(typeof requestSchemas)[K]>;

/** Name → function type: the whole API in one place. */
export interface HotlineApi {
  getDesk(req: Req<'getDesk'>): DeskInfo | null;
  setupDesk(req: Req<'setupDesk'>): DeskInfo;
  rememberLanguage(req: Req<'rememberLanguage'>): null;
  startCall(req: Req<'startCall'>): CallRecord;
  answerCall(req: Req<'answerCall'>): CallRecord;
  updateCall(req: Req<'updateCall'>): CallRecord;
  setResult(req: Req<'setResult'>): CallRecord;
  transferCall(req: Req<'transferCall'>): CallRecord;
  answerTransfer(req: Req<'answerTransfer'>): CallRecord;
  addStep(req: Req<'addStep'>): CallRecord;
  closeCall(req: Req<'closeCall'>): CallRecord;
  /** Its agent within VOID_WINDOW_MINUTES of logging it, a team lead or admin at any time. */
  voidCall(req: Req<'voidCall'>): CallRecord;
  getCall(req: Req<'getCall'>): CallRecord;
  listDay(req: Req<'listDay'>): DayList;
  suggestReasons(req: Req<'suggestReasons'>): string[];
  getPolicy(req: Req<'getPolicy'>): PolicyVersion;
  /** Admins: a new version, in force from now or a past date; the records since are re-judged. */
  savePolicy(req: Req<'savePolicy'>): SavedPolicy;
  /** Admins: how many records a save would re-judge, and which signed-off days it touches. */
  previewPolicy(req: Req<'previewPolicy'>): PolicyImpact;
  policyHistory(req: Req<'policyHistory'>): PolicyTrailEntry[];
  suggestHolidays(req: Req<'suggestHolidays'>): Array<{ date: string; name: string }>;
  addMissReason(req: Req<'addMissReason'>): CallRecord;
  listFollowUps(req: Req<'listFollowUps'>): FollowUpItem[];
  completeFollowUp(req: Req<'completeFollowUp'>): CallRecord;
  /** Raises a desktop notification where there is a desktop; `desktop` says whether one was shown. */
  notify(req: Req<'notify'>): { desktop: boolean };
  /** The signed-in profile of this window; a desk with one profile and no PIN signs it in by itself. */
  whoAmI(req: Req<'whoAmI'>): UserView | null;
  listUsers(req: Req<'listUsers'>): UserView[];
  signIn(req: Req<'signIn'>): UserView;
  signOut(req: Req<'signOut'>): null;
  saveUser(req: Req<'saveUser'>): UserView;
  correctMoment(req: Req<'correctMoment'>): CallRecord;
  getAudit(req: Req<'getAudit'>): AuditEntry[];
  dayStatus(req: Req<'dayStatus'>): DayStatus;
  signOffDay(req: Req<'signOffDay'>): DayStatus;
  reviewRecords(req: Req<'reviewRecords'>): ReviewPage;
  reviewAgents(req: Req<'reviewAgents'>): string[];
  getStats(req: Req<'getStats'>): StatsReport;
  listMeasures(req: Req<'listMeasures'>): MeasureView[];
  saveMeasure(req: Req<'saveMeasure'>): MeasureView[];
  startExport(req: Req<'startExport'>): ExportJob | null;
  exportStatus(req: Req<'exportStatus'>): ExportJob;
  cancelExport(req: Req<'cancelExport'>): ExportJob;
  importArchive(req: Req<'importArchive'>): ImportResult | null;
  /** Team leads: what importing a file would do, with nothing written; null when the person cancelled the dialog. */
  checkImport(req: Req<'checkImport'>): ImportCheck | null;
  importProgress(req: Req<'importProgress'>): ImportProgress | null;
  cancelImport(req: Req<'cancelImport'>): ImportProgress | null;
  /** Admins: where the automatic backups go, the newest ones, how the last went. */
  getBackups(req: Req<'getBackups'>): BackupsView;
  teamStatus(req: Req<'teamStatus'>): TeamStatus;
  teamScope(req: Req<'teamScope'>): TeamScopeView;
  teamBoard(req: Req<'teamBoard'>): TeamBoard;
  teamSignOffDays(req: Req<'teamSignOffDays'>): TeamSignOffList;
  /** The desk's day as it stands after the sign-off. */
  teamSignOffDay(req: Req<'teamSignOffDay'>): TeamDayStatus;
  teamRecord(req: Req<'teamRecord'>): TeamRecordView;
  /** Returns the record with the new entry pending at its desk. */
  sendToDesk(req: Req<'sendToDesk'>): TeamRecordView;
  /** Admins: backups go to another folder from now on (and a backup is made there at once). */
  setBackupDir(req: Req<'setBackupDir'>): BackupsView;
  backupNow(req: Req<'backupNow'>): BackupsView;
  /** Team leads and admins: everything the period report prints, computed at one instant. */
  getReport(req: Req<'getReport'>): PeriodReport;
  /** Team leads and admins, desktop app: saves the window's report as PDF; refused (cannot_print) where there is no window to print. */
  printReport(req: Req<'printReport'>): SavedReport | null;
  /** Admins: the profiles locked out by wrong PINs, until when, and the lock-out trail. */
  getLockouts(req: Req<'getLockouts'>): LockoutsView;
  /** Admins: clears a profile's lock and its run of wrong PINs (written to the trail). */
  clearLockout(req: Req<'clearLockout'>): LockoutsView;
  callerHistory(req: Req<'callerHistory'>): CallerHistory | null;
  listMissedCalls(req: Req<'listMissedCalls'>): MissedCallView[];
  /** How many changed. */
  markMissedCallsCalledBack(req: Req<'markMissedCallsCalledBack'>): { changed: number };
  getTelephony(req: Req<'getTelephony'>): TelephonyView;
  saveTelephony(req: Req<'saveTelephony'>): TelephonyView;
}

export type MethodName = keyof HotlineApi;
export type RequestOf<K extends MethodName> = Parameters<HotlineApi[K]>[0];
export type ResponseOf<K extends MethodName> = ReturnType<HotlineApi[K]>;
export type UpdatePatch = Req<'updateCall'>['patch'];

/** What the renderer holds: every method, promise-returning, errors as data. */
export type HotlineClient = { [K in MethodName]: (req: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>> };
