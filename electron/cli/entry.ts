import { main } from './main';

/** Bundled as dist/cli.cjs and run by bin/hotline.cjs. */
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hotline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
