// `npm start`: build, then open the desktop app, or browser mode when this
// machine cannot run Electron (no binary and no way to download it, or no
// Electron-ABI build of better-sqlite3). Extra arguments go to browser mode,
// e.g. `npm start -- --port 8080 --lang en`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const node = process.execPath;

const build = spawnSync(node, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = findElectron();
if (!electron.binary) browserMode(`Electron's desktop binary is not available on this machine (${electron.reason})`);
else {
  const binding = electronNativeBinding();
  if (!binding.path) browserMode(binding.reason);
  else relay(electron.binary, ['.'], { HOTLINE_NATIVE_BINDING: binding.path });
}

/** `require('electron')` is the binary's path; installs made with ELECTRON_SKIP_BINARY_DOWNLOAD have none. */
function findElectron() {
  const locate = () => {
    // A failed or stale earlier lookup must not be served from the module cache.
    delete require.cache[require.resolve('electron')];
    const binary = require('electron');
    return fs.existsSync(binary) ? binary : undefined;
  };
  try {
    const binary = locate();
    if (binary) return { binary };
  } catch {
    // Not downloaded yet: try once below.
  }
  // Once, quietly: on a machine with internet this fetches the binary the
  // install skipped; offline it fails within a second and we say why in one line.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const install = spawnSync(node, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  try {
    const binary = locate();
    if (binary) return { binary };
  } catch {
    // Still missing: fall through to the reason.
  }
  if (install.error) return { reason: install.error.code === 'ETIMEDOUT' ? 'the download timed out' : install.error.message };
  const firstLine = `${install.stderr ?? ''}\n${install.stdout ?? ''}`.split('\n').find((l) => l.trim());
  return { reason: `download failed: ${firstLine?.trim().replace(/^RequestError: /, '').slice(0, 100) ?? `exit code ${install.status}`}` };
}

/** The Electron-ABI better_sqlite3.node from scripts/electron-native.mjs (built on first use, then cached). */
function electronNativeBinding() {
  const script = path.join(root, 'scripts', 'electron-native.mjs');
  const where = spawnSync(node, [script, '--print-path'], { cwd: root, encoding: 'utf8' }).stdout?.trim();
  if (where && !fs.existsSync(where)) console.log('Preparing the database module for Electron (first run only; this can take a few minutes)…');
  const result = spawnSync(node, [script], { cwd: root, encoding: 'utf8' });
  const printed = result.stdout?.trim().split('\n').at(-1);
  if (result.status === 0 && printed && fs.existsSync(printed)) return { path: printed };
  const reason = result.stderr?.trim().split('\n').at(-1)?.replace(/^electron-native: c/, 'C');
  return { reason: reason || `Could not prepare better-sqlite3 for Electron (exit code ${result.status})` };
}

function browserMode(why) {
  console.log(`${why}; starting browser mode instead.`);
  relay(node, [path.join(root, 'bin', 'hotline.cjs'), 'serve', ...process.argv.slice(2)], {});
}

/** Runs the app in the foreground and ends with its exit code. */
function relay(command, args, extraEnv) {
  const env = { ...process.env, ...extraEnv };
  // Set in the environment, it would make Electron run main.cjs as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  // On POSIX the child gets its own process group, so a Ctrl+C reaches it once
  // (forwarded below), not twice: the serve command stops gracefully on the first
  // signal and would be killed mid-shutdown by a second. Windows consoles deliver
  // Ctrl+C to every attached process themselves, and detaching there opens a new console.
  const posix = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', detached: posix });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (posix || signal === 'SIGTERM') child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
}
