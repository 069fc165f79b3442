import { log } from '../log';
import type { BulkRunner } from './bulkRunner';

/**
 * Asks the worker, once at start, to remove what an import killed half way
 * left staged (hidden rows, never published). Nothing waits for it: the rows
 * are hidden meanwhile, and a new import removes them first anyway.
 */
export function sweepImportsAtStart(bulk: BulkRunner): void {
  bulk.run({ kind: 'sweepImports' }).then(
    ({ removed }) => {
      if (removed) log.info(`hotline: removed ${removed} import(s) left unfinished by a process that stopped; nothing of them had been shown.`);
    },
    (error: unknown) => log.error(`hotline: could not remove an unfinished import's rows (${error instanceof Error ? error.message : String(error)}); they stay hidden.`),
  );
}
