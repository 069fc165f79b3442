// `npm run test:crash`: the crash test at full length (200 SIGKILLs unless
// `-- --kills N`). Bundles the child that logs calls through the real
// handlers and the harness that kills and checks it
// (tests/electron/durability/crash/), then runs the harness in plain Node.
// Exits non-zero when an acknowledged write was lost or a check failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const out = path.resolve('.cache', 'crash-test');
fs.mkdirSync(out, { recursive: true });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], logLevel: 'error' };
await Promise.all([
  build({ ...common, entryPoints: ['tests/electron/durability/crash/child.ts'], outfile: path.join(out, 'child.cjs') }),
  build({ ...common, entryPoints: ['tests/electron/durability/crash/cli.ts'], outfile: path.join(out, 'crash.cjs') }),
]);
const nodePath = path.resolve('node_modules');
const run = spawnSync(
  process.execPath,
  [path.join(out, 'crash.cjs'), '--child', path.join(out, 'child.cjs'), '--node-path', nodePath, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, NODE_PATH: nodePath } },
);
process.exit(run.status ?? 1);
