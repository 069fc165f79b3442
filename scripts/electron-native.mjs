// Builds better-sqlite3 for Electron's ABI, once per Electron version, and
// prints the path of the resulting better_sqlite3.node (last line of stdout).
//
//   node scripts/electron-native.mjs               build if needed, print the path
//   node scripts/electron-native.mjs --print-path  only print where it goes
//
// WHY a copy in .cache instead of electron-rebuild: Electron and plain Node have
// different native ABIs, and rebuilding node_modules/better-sqlite3 in place
// would break vitest and the CLI in the same checkout. The checkout keeps its
// Node build; the Electron build lives apart and is handed to better-sqlite3
// through its `nativeBinding` option (see electron/main/main.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootRequire = createRequire(path.join(root, 'package.json'));
// package.json only: it is readable even when Electron's binary was never downloaded.
const electronVersion = rootRequire('electron/package.json').version;
const { platform, arch } = process;
const cacheRoot = path.join(root, '.cache', 'electron-native');
// The version is part of the path, so a binary for another Electron (another ABI) is never picked up.
const target = path.join(cacheRoot, `${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
// electron-builder.yml cannot name the Electron version in a path, so packaging
// reads this fixed per-platform copy, refreshed on every run (see electron-builder.yml).
const forPackage = path.join(cacheRoot, 'package', `${platform}-${arch}`, 'better_sqlite3.node');
const logFile = path.join(cacheRoot, 'build.log');

if (process.argv.includes('--print-path')) {
  console.log(target);
  process.exit(0);
}

fs.mkdirSync(cacheRoot, { recursive: true });
if (!fs.existsSync(target)) build();
fs.mkdirSync(path.dirname(forPackage), { recursive: true });
fs.copyFileSync(target, forPackage);
console.log(target);

function build() {
  const work = fs.mkdtempSync(path.join(cacheRoot, 'work-'));
  fs.writeFileSync(logFile, `better-sqlite3 for Electron ${electronVersion} ${platform}-${arch}\n`);
  const reasons = [];
  try {
    const source = path.dirname(rootRequire.resolve('better-sqlite3/package.json'));
    // Resolved from better-sqlite3 itself: prebuild-install is its own dependency, hoisted or not.
    const prebuildInstall = tryPath(() => createRequire(path.join(source, 'package.json')).resolve('prebuild-install/bin.js'));
    // Without build/: the copy must not start out holding the Node-ABI binary.
    fs.cpSync(source, work, { recursive: true, filter: (p) => p !== path.join(source, 'build') });
    process.stderr.write(`Preparing better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}); only the first run does this.\n`);
    const common = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`];
    const attempts = [
      // A prebuilt binary from better-sqlite3's releases: seconds, no compiler needed.
      ['prebuild-install', [prebuildInstall, ...common], 120_000],
      // Else compile against Electron's headers (needs a C++ toolchain and Python).
      ['node-gyp', [nodeGyp(), 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers'], 900_000],
    ];
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    for (const [name, args, timeout] of attempts) {
      if (!args[0]) {
        reasons.push(`${name}: not found`);
        continue;
      }
      const reason = run(name, args, work, timeout);
      if (!reason && fs.existsSync(built)) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        // Copy then rename: a second start running at the same time never sees half a file.
        const partial = `${target}.${process.pid}.partial`;
        fs.copyFileSync(built, partial);
        fs.renameSync(partial, target);
        return;
      }
      reasons.push(`${name}: ${reason ?? 'no binary produced'}`);
    }
  } catch (error) {
    reasons.push(error instanceof Error ? error.message : String(error));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(
    `electron-native: could not get better-sqlite3 for Electron ${electronVersion} (${reasons.join('; ')}); details in ${path.relative(root, logFile)}\n`,
  );
  process.exit(1);
}

/** Runs one tool with its output kept in the log; returns undefined on success, else a short reason. */
function run(name, args, cwd, timeout) {
  const result = spawnSync(process.execPath, args, { cwd, timeout, encoding: 'utf8', env: toolEnv() });
  fs.appendFileSync(logFile, `\n$ ${name} ${args.slice(1).join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error) return result.error.code === 'ETIMEDOUT' ? `timed out after ${timeout / 1000} s` : result.error.message;
  if (result.status === 0) return undefined;
  return shortReason(`${result.stdout ?? ''}\n${result.stderr ?? ''}`) ?? `exit code ${result.status}`;
}

/**
 * The environment without npm settings that would redirect the build to
 * another ABI: run through npm, an .npmrc's `nodedir=/usr` reaches node-gyp as
 * npm_config_nodedir and would silently compile against plain Node's headers.
 */
function toolEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|platform|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}

/** The most telling line of a tool's output, e.g. "getaddrinfo ENOTFOUND github.com". */
function shortReason(output) {
  const lines = output.split('\n').map((l) => l.replace(/^(prebuild-install|gyp) (warn|WARN|ERR!|info)( stack| install)?\s*/, '').trim());
  const telling =
    lines.find((l) => /\bE[A-Z]{4,}\b|EAI_AGAIN/.test(l)) ?? // a system error code says the most
    (output.includes('network connectivity') ? 'could not download the headers (no network?)' : undefined) ??
    lines.find((l) => /^Error: /.test(l)) ??
    lines.findLast((l) => /error/i.test(l));
  return telling?.slice(0, 120);
}

/** node-gyp from the checkout, from the npm running us, or from npm's bundled copy next to node. */
function nodeGyp() {
  const npmBundled = (...dirs) => path.join(path.dirname(process.execPath), ...dirs, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return (
    tryPath(() => rootRequire.resolve('node-gyp/bin/node-gyp.js')) ??
    tryPath(() => process.env.npm_config_node_gyp) ??
    tryPath(() => npmBundled('..', 'lib', 'node_modules')) ?? // POSIX layout
    tryPath(() => npmBundled('node_modules')) // Windows layout
  );
}

/** The path if it resolves and exists, else undefined. */
function tryPath(find) {
  try {
    const file = find();
    return file && fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
