import fs from 'node:fs';
import path from 'node:path';
import { bundleForNode } from './bundle';

/**
 * The bulk worker bundled as the app ships it (one .cjs), for tests that run
 * it as a real worker thread. It is written inside the checkout (.cache/) so
 * that its require('better-sqlite3') finds the checkout's node_modules.
 */
export async function bulkWorkerBundle(): Promise<string> {
  const dir = path.resolve('.cache', 'test-worker', String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  return bundleForNode('electron/worker/bulkWorker.ts', dir);
}
