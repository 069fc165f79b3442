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
import type { CallRecord, DayList, DeskInfo, FollowUpItem, PolicyVersion } from './records';
import type { ApiResult } from './result';

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

export const requestSchemas = {
  getDesk: z.strictObject({}),
  setupDesk: z.strictObject({
    code: z.string().max(20),
    timeZone: z.string().max(64),
    agentName: label,
  }),
  startCall: z.strictObject({ at: typedTime }),
  answerCall: z.strictObject({ id, at: typedTime }),
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
  }),
  setResult: z.strictObject({
    id,
    result: z.enum(RESULTS).nullable(),
    followUpDue: z.string().max(40).optional(),
    followUpOwner: label.optional(),
    note: text.optional(),
  }),
  transferCall: z.strictObject({ id, to: label, at: typedTime }),
  answerTransfer: z.strictObject({ id, at: typedTime }),
  addStep: z.strictObject({ id, text }),
  closeCall: z.strictObject({ id, at: typedTime }),
  getCall: z.strictObject({ id }),
  listDay: z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  suggestReasons: z.strictObject({ prefix: label }),
  getPolicy: z.strictObject({ version: id.optional() }),
  /** Validated in full by the handler, so that every problem can be listed. */
  savePolicy: z.strictObject({ policy: z.unknown() }),
  suggestHolidays: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/), year: z.number().int().min(1970).max(2100) }),
  addMissReason: z.strictObject({
    id,
    kind: z.enum(TARGET_KINDS),
    index: z.number().int().min(0).max(100),
    code: z.enum(MISS_REASONS),
    text: text.optional(),
  }),
  listFollowUps: z.strictObject({}),
  completeFollowUp: z.strictObject({
    id,
    kind: z.enum(['resolution', 'progressUpdate', 'resultTold', 'callback', 'leadFollowUp']),
    outcome: text,
  }),
  notify: z.strictObject({ title: label, body: z.string().max(500) }),
} as const;

type Req<K extends keyof typeof requestSchemas> = z.infer<(typeof requestSchemas)[K]>;

/** Name → function type: the whole API in one place. */
export interface HotlineApi {
  getDesk(req: Req<'getDesk'>): DeskInfo | null;
  setupDesk(req: Req<'setupDesk'>): DeskInfo;
  startCall(req: Req<'startCall'>): CallRecord;
  answerCall(req: Req<'answerCall'>): CallRecord;
  updateCall(req: Req<'updateCall'>): CallRecord;
  setResult(req: Req<'setResult'>): CallRecord;
  transferCall(req: Req<'transferCall'>): CallRecord;
  answerTransfer(req: Req<'answerTransfer'>): CallRecord;
  addStep(req: Req<'addStep'>): CallRecord;
  closeCall(req: Req<'closeCall'>): CallRecord;
  getCall(req: Req<'getCall'>): CallRecord;
  listDay(req: Req<'listDay'>): DayList;
  suggestReasons(req: Req<'suggestReasons'>): string[];
  getPolicy(req: Req<'getPolicy'>): PolicyVersion;
  savePolicy(req: Req<'savePolicy'>): PolicyVersion;
  suggestHolidays(req: Req<'suggestHolidays'>): Array<{ date: string; name: string }>;
  addMissReason(req: Req<'addMissReason'>): CallRecord;
  listFollowUps(req: Req<'listFollowUps'>): FollowUpItem[];
  completeFollowUp(req: Req<'completeFollowUp'>): CallRecord;
  /** Raises a desktop notification where there is a desktop; `desktop` says whether one was shown. */
  notify(req: Req<'notify'>): { desktop: boolean };
}

export type MethodName = keyof HotlineApi;
export type RequestOf<K extends MethodName> = Parameters<HotlineApi[K]>[0];
export type ResponseOf<K extends MethodName> = ReturnType<HotlineApi[K]>;
export type UpdatePatch = Req<'updateCall'>['patch'];

/** What the renderer holds: every method, promise-returning, errors as data. */
export type HotlineClient = { [K in MethodName]: (req: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>> };
