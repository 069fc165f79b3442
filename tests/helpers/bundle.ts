import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** Bundles a TypeScript entry into a runnable CommonJS file, so a test can start it as a real child process. */
export async function bundleForNode(entry: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3'],
    logLevel: 'error',
    // The bundle lives in a temp folder: let it find the checkout's native module.
    nodePaths: [path.resolve('node_modules')],
  });
  return outfile;
}

/**
 * The `hotline` CLI as `npm run build` lays it out: the CLI bundle, and beside it
 * electron/worker.cjs, the bulk worker that `hotline serve` starts for backups,
 * exports and imports. Returns the CLI's file.
 */
export async function bundleCli(outDir: string): Promise<string> {
  const [cli] = await Promise.all([bundleForNode(path.resolve('electron/cli/entry.ts'), outDir), bundleForNode(path.resolve('electron/worker/bulkWorker.ts'), path.join(outDir, 'electron'))]);
  const worker = path.join(outDir, 'electron', 'worker.cjs');
  await fs.promises.rename(path.join(outDir, 'electron', 'bulkWorker.cjs'), worker);
  return cli;
}
