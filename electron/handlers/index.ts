import { cancelExport, exportStatus, startExport } from './archive';
import { cancelImport, checkImport, importArchiveFile, importProgress } from './archiveImport';
import { backupNow, getBackups, setBackupDir } from './backups';
import { teamBoard, teamScope, teamStatus } from './team';
import { teamSignOffDay, teamSignOffDays } from './teamSignOff';
import { addStep, answerCall, answerTransfer, closeCall, startCall, transferCall } from './callMoments';
import { setResult, updateCallFields } from './callFields';
import { getCall, listDay, suggestReasons } from './callQueries';
import { voidCall } from './voidCall';
import type { HandlerTable } from './context';
import { correctMoment, getAudit } from './corrections';
import { getDesk, setupDesk } from './desk';
import { clearLockout, getLockouts } from './lockouts';
import { rememberLanguage } from './language';
import { listMeasures, saveMeasure } from './measures';
import { reviewAgents, reviewRecords } from './review';
import { getReport, printReport } from './report';
import { getStats } from './stats';
import { sendToDesk, teamRecord } from './teamRecord';
import { dayStatus, signOffDay } from './signOff';
import { listUsers, saveUser, signIn, signOut, whoAmI } from './users';
import { completeFollowUp, listFollowUps } from './followUps';
import { addMissReason } from './missReasons';
import { notify } from './notify';
import { callerHistory, listMissedCalls, markMissedCallsCalledBack } from './missedCalls';
import { getTelephony, saveTelephony } from './telephony';
import { getPolicy, policyHistory, previewPolicy, savePolicy, suggestHolidays } from './policy';

/** Every method of the contract, served by the same functions over IPC and over browser mode's HTTP. */
export const handlers: HandlerTable = {
  getDesk,
  setupDesk,
  rememberLanguage,
  startCall,
  answerCall,
  updateCall: updateCallFields,
  setResult,
  transferCall,
  answerTransfer,
  addStep,
  closeCall,
  voidCall,
  getCall,
  listDay,
  suggestReasons,
  getPolicy,
  savePolicy,
  previewPolicy,
  policyHistory,
  suggestHolidays,
  addMissReason,
  listFollowUps,
  completeFollowUp,
  notify,
  whoAmI,
  listUsers,
  signIn,
  signOut,
  saveUser,
  correctMoment,
  getAudit,
  dayStatus,
  signOffDay,
  reviewRecords,
  reviewAgents,
  getStats,
  listMeasures,
  saveMeasure,
  startExport,
  exportStatus,
  cancelExport,
  importArchive: importArchiveFile,
  checkImport,
  importProgress,
  cancelImport,
  getBackups,
  teamStatus,
  teamScope,
  teamBoard,
  teamSignOffDays,
  teamSignOffDay,
  teamRecord,
  sendToDesk,
  setBackupDir,
  backupNow,
  getReport,
  printReport,
  getLockouts,
  clearLockout,
  callerHistory,
  listMissedCalls,
  markMissedCallsCalledBack,
  getTelephony,
  saveTelephony,
};
