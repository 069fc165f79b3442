// `npm test`: every check the project has, in order, then one closing line
// "N passed, N failed" summing the unit/integration (vitest) and browser
// (Playwright) tests. Stops at the first stage that fails to run at all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const results = 'test-results';
fs.mkdirSync(results, { recursive: true });
const vitestJson = `${results}/vitest.json`;
const playwrightJson = `${results}/playwright.json`;
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });

const stages = [
  ['build', 'node', ['scripts/build.mjs']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ['unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['browser tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }],
];

let failedStage = null;
for (const [name, command, args, env] of stages) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) {
    failedStage = name;
    console.error(`=== ${name} failed (exit ${run.status}) ===`);
    // Typecheck and lint failures still let the tests run, so one run shows everything wrong.
    if (name === 'build') break;
  }
}

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const vitest = read(vitestJson);
const playwright = read(playwrightJson);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
if (failedStage) console.error(`\nFailed stage: ${failedStage}`);
console.log(`\n${passed} passed, ${failed + (failedStage && failed === 0 ? 1 : 0)} failed, ${skipped} skipped`);
process.exit(failedStage || failed > 0 ? 1 : 0);
