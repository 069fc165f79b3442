/** The desk's status line for its link to the team server (issue 14). */
export const teamLink = {
  'teamLink.upToDate': 'Team server: up to date',
  'teamLink.waiting': 'Team server: {count} changes waiting',
  'teamLink.waitingOne': 'Team server: 1 change waiting',
  'teamLink.unreachable': 'server unreachable since {time}',
  'teamLink.stopped': 'pushing stopped: {why}',
  'teamLink.why.leaseHeld': 'this desk code is in use on another computer',
  'teamLink.why.appVersion': 'update the app (the team server no longer takes this version)',
  'teamLink.why.authentication': 'the team server refused this desk’s login',
  'teamLink.why.staleIncarnation': 'comparing this desk with the team server',
  'teamLink.why.notADesk': 'the saved URL is not this desk’s login: join again',
  'teamLink.why.otherDesk': 'the saved URL belongs to another desk: join again',
  'teamLink.why.other': 'the team server refused the last push ({code})',
  'teamLink.parked': 'refused by the team server ({count}): {records}',
} as const;
