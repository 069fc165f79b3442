/** The open record following the phone system's events (issue 15): the hang-up and wrap-up, a record the phone voided, the phone's void reasons. */
export const phoneEvents = {
  'desk.wrapUp': 'Wrap-up',
  'desk.phoneEnded': 'Call ended {time} (phone system)',
  'desk.phoneTalk': 'talk {duration}',
  'desk.durationMinSec': '{m} min {s} s',
  'desk.durationSec': '{s} s',
  'desk.phoneClosed.notAnswered': 'Not answered: logged as missed call {no}',
  'desk.phoneClosed.answeredElsewhere': 'Answered at another extension ({who}): this record was voided',
  'desk.phoneClosed.other': 'The phone system voided this record: {reason}',
  'desk.phoneVoidedKept': 'The phone system voided this record while you were typing: what you typed and did not save is still shown below. Copy what you need before you open another call.',
  'void.phone.notAnswered': 'not answered: logged as missed call {no}',
  'void.phone.answeredElsewhere': 'answered at another extension ({who})',
  'missed.markCalledBack': 'Mark called back',
  'missed.markCalledBackFor': 'Mark called back: {no}',
  'missed.noneInPeriod.open': 'No missed calls waiting for a callback in this period.',
  'missed.noneInPeriod.calledBack': 'No missed calls called back in this period.',
} as const;
