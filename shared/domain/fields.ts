/**
 * The closed vocabularies of a call record (SPEC "The call record").
 * Values are stable English keys stored in the database and exports;
 * people see them through the i18n dictionaries.
 */

export const CUSTOMER_TYPES = ['vip', 'regular', 'enterprise'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** 咨询 / 投诉 / 建议 / 故障报修 / 服务变更 (seed 004). */
export const REQUEST_TYPES = ['consultation', 'complaint', 'suggestion', 'fault_report', 'service_change'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** 订单类 / 产品类 / 服务类 / 技术类 / 咨询类 (seeds 000, 003); configurable later by an admin. */
export const CATEGORIES = ['order', 'product', 'service', 'technical', 'consultation', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** 已解决 / 处理中(需跟进) / 无法解决(需解释说明) / 已升级 (seed 003). */
export const RESULTS = ['resolved', 'in_progress', 'cannot_resolve', 'escalated'] as const;
export type CallResult = (typeof RESULTS)[number];

/** 满意 / 基本满意 / 不满意 (seed 003). */
export const FEEDBACKS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Feedback = (typeof FEEDBACKS)[number];

/** Optional 1–5 scores (seed 002): response speed, professionalism, resolution. */
export const SCORE_KEYS = ['speed', 'professionalism', 'resolution'] as const;
export type ScoreKey = (typeof SCORE_KEYS)[number];

/** Longest free text accepted in one field (issue 6 asks for a bound of this order). */
export const MAX_TEXT = 10_000;
/** Longest short label (salutation, owner names, call reason keywords). */
export const MAX_LABEL = 200;

/**
 * Common reasons for a missed target (seed 000's examples: agents overloaded,
 * a department slow to answer); "other" needs free text.
 */
export const MISS_REASONS = [
  'overload',
  'waiting_on_department',
  'customer_unreachable',
  'needs_customer_info',
  'system_fault',
  'outside_hours',
  'other',
] as const;
export type MissReasonCode = (typeof MISS_REASONS)[number];
