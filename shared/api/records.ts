import type { CallResult, Category, CustomerType, Feedback, Priority, RequestType } from '../domain/fields';

/** Plain data that crosses the process boundary: what the renderer reads. */

export interface DeskInfo {
  code: string;
  timeZone: string;
  agentName: string;
}

export interface TransferView {
  seq: number;
  to: string;
  transferredAt: number;
  answeredAt: number | null;
  /** 二次响应时长: transfer answered − transfer time, in minutes. */
  secondResponseMinutes: number | null;
}

export interface StepView {
  n: number;
  at: number;
  author: string;
  text: string;
}

export interface CallRecord {
  id: number;
  deskCode: string;
  recordNo: string;
  /** Local date of the call in the desk's zone, 'YYYY-MM-DD'. */
  localDate: string;
  timeZone: string;
  agent: string;
  callAt: number;
  answeredAt: number | null;
  /** 响应时长: answer − call, in minutes. */
  responseMinutes: number | null;
  salutation: string | null;
  phoneLast4: string | null;
  customerType: CustomerType | null;
  requestType: RequestType | null;
  category: Category | null;
  priority: Priority | null;
  reason: string | null;
  handler: string | null;
  transfers: TransferView[];
  steps: StepView[];
  result: CallResult | null;
  followUpDueAt: number | null;
  followUpOwner: string | null;
  resultNote: string | null;
  feedback: Feedback | null;
  feedbackReason: string | null;
  scoreSpeed: number | null;
  scoreProfessionalism: number | null;
  scoreResolution: number | null;
  /** Mean of the scores given, one decimal. */
  overallScore: number | null;
  remarks: string | null;
  closedAt: number | null;
}

/** One row of the day list. */
export interface CallSummary {
  id: number;
  recordNo: string;
  callAt: number;
  answeredAt: number | null;
  responseMinutes: number | null;
  salutation: string | null;
  reason: string | null;
  category: Category | null;
  priority: Priority | null;
  result: CallResult | null;
  closedAt: number | null;
  agent: string;
}

export interface DayList {
  date: string;
  timeZone: string;
  records: CallSummary[];
}
