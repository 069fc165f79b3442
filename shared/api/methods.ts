import type { MethodName } from './contract';

/**
 * Method names and channels, apart from the zod schemas so that the sandboxed
 * preload can bundle them without pulling in a validator it never uses.
 */

/** Every name exactly once; the compile-time checks below keep it in step with `HotlineApi`. */
export const METHOD_NAMES = [
  'getDesk',
  'setupDesk',
  'rememberLanguage',
  'startCall',
  'answerCall',
  'updateCall',
  'setResult',
  'transferCall',
  'answerTransfer',
  'addStep',
  'closeCall',
  'voidCall',
  'getCall',
  'listDay',
  'suggestReasons',
  'getPolicy',
  'savePolicy',
  'previewPolicy',
  'policyHistory',
  'suggestHolidays',
  'addMissReason',
  'listFollowUps',
  'completeFollowUp',
  'notify',
  'whoAmI',
  'listUsers',
  'signIn',
  'signOut',
  'saveUser',
  'correctMoment',
  'getAudit',
  'dayStatus',
  'signOffDay',
  'reviewRecords',
  'reviewAgents',
  'getStats',
  'listMeasures',
  'saveMeasure',
  'startExport',
  'exportStatus',
  'cancelExport',
  'importArchive',
  'checkImport',
  'importProgress',
  'cancelImport',
  'getBackups',
  'teamStatus',
  'teamScope',
  'teamBoard',
  'teamSignOffDays',
  'teamSignOffDay',
  'teamRecord',
  'sendToDesk',
  'setBackupDir',
  'backupNow',
  'getReport',
  'printReport',
  'getLockouts',
  'clearLockout',
  'callerHistory',
  'listMissedCalls',
  'markMissedCallsCalledBack',
  'getTelephony',
  'saveTelephony',
] as const satisfies readonly MethodName[];

type Missing = Exclude<MethodName, (typeof METHOD_NAMES)[number]>;
const noneMissing: [Missing] extends [never] ? true : Missing = true;
void noneMissing;

/** IPC channel of one method: one channel per method, never a generic forwarder. */
export const channelOf = (method: MethodName): string => `hotline:${method}`;

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}
