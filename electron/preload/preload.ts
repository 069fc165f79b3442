import { contextBridge, ipcRenderer } from 'electron';
import type { HotlineClient, MethodName, RequestOf, ResponseOf } from '../../shared/api/contract';
import { eventChannelOf, isEventName, type EventSubscribe } from '../../shared/api/events';
import { channelOf } from '../../shared/api/methods';
import type { ApiResult } from '../../shared/api/result';

/**
 * The sandboxed preload: exposes exactly the contract's functions as
 * `window.hotline`, each over its own IPC channel. No raw ipcRenderer and no
 * generic forwarder reach the page.
 */
const invoke =
  <K extends MethodName>(method: K) =>
  (request: RequestOf<K>): Promise<ApiResult<ResponseOf<K>>> =>
    ipcRenderer.invoke(channelOf(method), request) as Promise<ApiResult<ResponseOf<K>>>;

export const hotlineBridge = {
  getDesk: invoke('getDesk'),
  setupDesk: invoke('setupDesk'),
  rememberLanguage: invoke('rememberLanguage'),
  startCall: invoke('startCall'),
  answerCall: invoke('answerCall'),
  updateCall: invoke('updateCall'),
  setResult: invoke('setResult'),
  transferCall: invoke('transferCall'),
  answerTransfer: invoke('answerTransfer'),
  addStep: invoke('addStep'),
  closeCall: invoke('closeCall'),
  voidCall: invoke('voidCall'),
  getCall: invoke('getCall'),
  listDay: invoke('listDay'),
  suggestReasons: invoke('suggestReasons'),
  getPolicy: invoke('getPolicy'),
  savePolicy: invoke('savePolicy'),
  previewPolicy: invoke('previewPolicy'),
  policyHistory: invoke('policyHistory'),
  suggestHolidays: invoke('suggestHolidays'),
  addMissReason: invoke('addMissReason'),
  listFollowUps: invoke('listFollowUps'),
  completeFollowUp: invoke('completeFollowUp'),
  notify: invoke('notify'),
  whoAmI: invoke('whoAmI'),
  listUsers: invoke('listUsers'),
  signIn: invoke('signIn'),
  signOut: invoke('signOut'),
  saveUser: invoke('saveUser'),
  correctMoment: invoke('correctMoment'),
  getAudit: invoke('getAudit'),
  dayStatus: invoke('dayStatus'),
  signOffDay: invoke('signOffDay'),
  reviewRecords: invoke('reviewRecords'),
  reviewAgents: invoke('reviewAgents'),
  getStats: invoke('getStats'),
  listMeasures: invoke('listMeasures'),
  saveMeasure: invoke('saveMeasure'),
  startExport: invoke('startExport'),
  exportStatus: invoke('exportStatus'),
  cancelExport: invoke('cancelExport'),
  importArchive: invoke('importArchive'),
  checkImport: invoke('checkImport'),
  importProgress: invoke('importProgress'),
  cancelImport: invoke('cancelImport'),
  getBackups: invoke('getBackups'),
  teamStatus: invoke('teamStatus'),
  teamScope: invoke('teamScope'),
  teamBoard: invoke('teamBoard'),
  teamSignOffDays: invoke('teamSignOffDays'),
  teamSignOffDay: invoke('teamSignOffDay'),
  teamRecord: invoke('teamRecord'),
  sendToDesk: invoke('sendToDesk'),
  setBackupDir: invoke('setBackupDir'),
  backupNow: invoke('backupNow'),
  getReport: invoke('getReport'),
  printReport: invoke('printReport'),
  getLockouts: invoke('getLockouts'),
  clearLockout: invoke('clearLockout'),
  callerHistory: invoke('callerHistory'),
  listMissedCalls: invoke('listMissedCalls'),
  markMissedCallsCalledBack: invoke('markMissedCallsCalledBack'),
  getTelephony: invoke('getTelephony'),
  saveTelephony: invoke('saveTelephony'),
} satisfies HotlineClient;

/**
 * The events main pushes (shared/api/events.ts), one narrow `on` per event
 * name: the listener gets the payload only (never the IPC event, whose sender
 * would reach ipcRenderer), and the returned function stops it.
 */
const on: EventSubscribe = (name, listener) => {
  if (!isEventName(name)) throw new Error(`No such event: ${String(name)}`);
  const channel = eventChannelOf(name);
  const forward = (_event: unknown, payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
  ipcRenderer.on(channel, forward);
  return () => void ipcRenderer.removeListener(channel, forward);
};

export const eventBridge = { on };

contextBridge.exposeInMainWorld('hotline', hotlineBridge);
contextBridge.exposeInMainWorld('hotlineEvents', eventBridge);
