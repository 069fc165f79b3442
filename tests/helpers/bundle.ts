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
