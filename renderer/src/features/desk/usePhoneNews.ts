import { useEffect, useRef, useState } from 'react';
import { events } from '../../api';
import { phoneVoidOf, type PhoneVoid } from './phoneVoid';
import type { Desk } from './useDesk';

/** What is left where a record the phone voided was, once it closed from the workspace. */
export interface PhoneClosed {
  recordNo: string;
  why: PhoneVoid;
}

/**
 * The desk follows the phone system's events (the `phoneCall` event) as they
 * happen, not on the next reload: today's list is read again on each one, and
 * the record on screen when the event is about it (the answer stamped, the
 * hang-up, a void). A record the phone voided (nobody answered; a colleague's
 * extension took the call) closes from the workspace, with a notice where it
 * was — unless something typed for it is not saved yet: then it stays open
 * with its void mark, so the typing is not lost without a word. Opening a
 * ringing call's record is the App's (it brings the Desk forward).
 */
export function usePhoneNews(desk: Desk): { closed: PhoneClosed | null } {
  const [closed, setClosed] = useState<PhoneClosed | null>(null);
  // The event handler is set up once; it reads the desk as it is when the event comes.
  const latest = useRef(desk);
  useEffect(() => {
    latest.current = desk;
  });
  const recordId = desk.record?.id ?? null;
  // Another record on screen: the notice of the one closed before has done its work.
  useEffect(() => {
    if (recordId !== null) setClosed(null);
  }, [recordId]);

  useEffect(() => {
    const stops = [
      events.on('phoneCall', (news) => {
        const now = latest.current;
        void now.refreshDay();
        const shown = now.record;
        if (news.recordId === null || shown === null || shown.id !== news.recordId) return;
        void (async () => {
          const fresh = await now.reread(shown.id);
          if (fresh === null || shown.voided !== null || fresh.voided === null) return;
          const why = phoneVoidOf(fresh.voided);
          if (why === null || latest.current.drafts.has(fresh.id)) return;
          latest.current.closeRecord();
          setClosed({ recordNo: fresh.recordNo, why });
        })();
      }),
      // Events missed while the channel was down: read the day again.
      events.onReconnect(() => void latest.current.refreshDay()),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
  return { closed };
}
