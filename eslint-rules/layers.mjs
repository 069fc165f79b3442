// Who may import whom inside electron/: each folder (and electron/log.ts, "log")
// with the folders it may import. A folder may always import itself and shared/.
// eslint.config.mjs turns this into `no-restricted-imports` per folder;
// tests/architecture/layering.test.ts checks the resolved graph against it.
// docs/architecture.md, "Layers", draws it.
const ENTRY = ['startup', 'handlers', 'worker', 'records', 'store', 'archive', 'stats', 'durability', 'team', 'teamStore', 'telephony', 'log'];

export const ELECTRON_LAYERS = {
  // Entry points: the desktop app, browser mode's server, the CLI (which may start the server and fill a demo).
  main: ENTRY,
  server: ENTRY,
  cli: [...ENTRY, 'server', 'demo'],
  // The sandboxed preload runs beside the page: it knows the contract and nothing of the main process.
  preload: [],
  // The one start-up sequence of the desktop app and browser mode (open safely, backfill, worker, backups); it shows nothing.
  startup: ['durability', 'records', 'worker', 'store', 'team', 'telephony', 'log'],
  // Requests: validate, then records and the store, then plain data.
  handlers: ['records', 'store', 'archive', 'stats', 'durability', 'worker', 'team', 'teamStore', 'telephony', 'log'],
  // Bulk jobs (exports, imports, backups, re-judges) in a worker thread.
  worker: ['archive', 'durability', 'records', 'store', 'team', 'log'],
  // Work on many records; the export writes the statistics sheet, so archive may read stats.
  archive: ['records', 'stats', 'store', 'log'],
  stats: ['records', 'store', 'log'],
  demo: ['records', 'store', 'log'],
  // The desk's link to the team server: join, compare, push, status, and team scope (the team's export
  // runs the archive's own export on a staging copy). No SQL: the two stores hold it.
  team: ['teamStore', 'store', 'records', 'archive', 'log'],
  // The call record's rules, and the files around the database.
  records: ['store', 'log'],
  durability: ['store', 'log'],
  // The phone system's adapters (Asterisk AMI, the Zammad-format CTI push): they turn what a PBX says into
  // shared/telephony's call events, numbers already cut to four digits, and know nothing of records.
  telephony: ['log'],
  // SQL, the schema, the write lock and its pacing.
  store: ['log'],
  // The team server's store on PostgreSQL: its schema, frozen migrations, pool, logins and the desk's queries.
  // It names the store's snapshot type (what a push carries), nothing more of it.
  teamStore: ['store', 'log'],
  log: [],
};

/** The layer of a root-relative file: shared, renderer, or a folder of electron/ (electron/log.ts is "log"); null for anything else. */
export function layerOf(file) {
  if (file.startsWith('shared/')) return 'shared';
  if (file.startsWith('renderer/')) return 'renderer';
  if (file === 'electron/log.ts') return 'log';
  const folder = /^electron\/([^/]+)\//.exec(file);
  return folder ? folder[1] : null;
}

/** Whether a file of layer `from` may import one of layer `to`. */
export function mayImport(from, to) {
  if (from === to || to === 'shared') return true;
  if (from === 'shared') return false;
  if (from === 'renderer') return false;
  return to !== 'renderer' && (ELECTRON_LAYERS[from] ?? []).includes(to);
}
