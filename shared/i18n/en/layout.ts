/** Issue 12 (wt/deskview): what the desk and Review say about their layout: unsaved fields, clamped text, the record drawer. */
export const layout = {
  'desk.notSavedWhat': 'Not saved: {what}',
  'clamp.showAll': 'Show all',
  'clamp.showLess': 'Show less',
  'drawer.close': 'Close',
  'review.missReasons': 'Miss reasons',
  'review.record': 'Record',
} as const;
