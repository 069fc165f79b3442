// Builds everything the app runs: the renderer (Vite) and the Node-side
// bundles (esbuild): the Electron main process, the sandboxed preload, the bulk
// worker thread and the CLI.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native and Electron-provided modules are loaded at run time, never bundled.
  external: ['electron', 'better-sqlite3'],
};

await Promise.all([
  viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' }),
  esbuild({ ...node, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' }),
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  esbuild({ ...node, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  esbuild({ ...node, entryPoints: ['electron/cli/entry.ts'], outfile: 'dist/cli.cjs' }),
  // The bulk worker thread (backups, exports, imports), started by the main process and by hotline serve.
  esbuild({ ...node, entryPoints: ['electron/worker/bulkWorker.ts'], outfile: 'dist/electron/worker.cjs' }),
]);
console.log('built dist/ (renderer, electron main + preload + bulk worker, cli)');
