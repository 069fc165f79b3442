import type { Category, MissReasonCode } from '../domain/fields';
import type { TargetKind } from '../timing/compliance';
import type { MeasureView, StatsReport } from './stats';

/** The period report (weekly service report, monthly report to management: seeds 000, 002, 004). */

/** How many breached records the report lists one by one; the rest are counted. */
export const REPORT_BREACH_LIMIT = 50;

/** A missed target of a breached record, with the reason given for it (null: none yet). */
export interface MissedTarget {
  kind: TargetKind;
  /** Which transfer, for second responses; 0 otherwise. */
  index: number;
  reason: { code: MissReasonCode; text: string | null } | null;
}

export interface BreachItem {
  id: number;
  deskCode: string;
  recordNo: string;
  callAt: number;
  timeZone: string;
  agent: string;
  priority: string | null;
  category: Category | null;
  reason: string | null;
  missed: MissedTarget[];
}

export interface BreachList {
  /** Records of the period with a missed target (ended, or running and past due), as the headline figures count them. */
  total: number;
  /** Missed targets per reason given, most frequent first. */
  byReason: Array<{ code: MissReasonCode; targets: number }>;
  /** Breached records without any reason given yet. */
  withoutReason: number;
  /** The most recent breached records, newest first, at most REPORT_BREACH_LIMIT. */
  recent: BreachItem[];
}

export interface ReportPeriod {
  from: string;
  to: string;
}

export interface PeriodReport {
  period: ReportPeriod;
  stats: StatsReport;
  breaches: BreachList;
  /** The period compared with, when the screen showed one. */
  compare: { period: ReportPeriod; stats: StatsReport; breachTotal: number } | null;
  /**
   * Improvement measures in force at some time in the period (started by its end, deadline not before its start),
   * their effects measured up to the period's last day (or today, if earlier), not up to the day of the report.
   */
  measures: MeasureView[];
  /** The last day the measures' effects count: the period's last day, or the day of the report if that comes first. */
  measuresUntil: string;
  /** The desk codes whose records the period holds (this desk's own when it holds none). */
  scope: string[];
  generatedBy: string;
  generatedAt: number;
  /** The desk's zone, in which "generated at" is shown. */
  timeZone: string;
}

/** Where the desktop app saved the report's PDF. */
export interface SavedReport {
  file: string;
  bytes: number;
}
