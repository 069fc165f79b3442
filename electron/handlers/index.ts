import { addStep, answerCall, answerTransfer, closeCall, startCall, transferCall } from './callMoments';
import { setResult, updateCallFields } from './callFields';
import { getCall, listDay, suggestReasons } from './callQueries';
import type { HandlerTable } from './context';
import { getDesk, setupDesk } from './desk';

/** Every method of the contract, served by the same functions over IPC and over browser mode's HTTP. */
export const handlers: HandlerTable = {
  getDesk,
  setupDesk,
  startCall,
  answerCall,
  updateCall: updateCallFields,
  setResult,
  transferCall,
  answerTransfer,
  addStep,
  closeCall,
  getCall,
  listDay,
  suggestReasons,
};
