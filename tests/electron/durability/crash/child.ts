import { dispatch } from '../../../../electron/handlers/dispatch';
import type { HandlerContext } from '../../../../electron/handlers/context';
import { openStoreSafely } from '../../../../electron/durability/openSafely';
import type { MethodName, RequestOf, ResponseOf } from '../../../../shared/api/contract';

/**
 * The process the crash test kills: it logs calls through the real dispatcher
 * and handlers, as fast as it can, and after each handler returned ok prints
 * one acknowledgement line. A line is printed only after the commit, so the
 * parent can only ever see fewer acknowledgements than commits, never more.
 *
 * argv: database file. The child loads, prints "loaded" and waits for
 * "go <first sequence number>" on stdin (so the parent can start the next one
 * while it checks the last), then prints "opening", "ready", and acknowledgements:
 *   S <id> <recordNo>        call started
 *   A <id> <answeredAt>      answered
 *   U <id> <seq>             remarks set to "u<seq>"
 *   P <id> <seq>             step "step <seq>" added
 *   C <id>                   result set and call closed
 */
const say = (line: string) => process.stdout.write(`${line}\n`);

function waitForGo(): Promise<number> {
  return new Promise((resolve) => {
    let input = '';
    process.stdin.on('data', (chunk: Buffer) => {
      input += chunk.toString();
      const m = /^go (\d+)\n/.exec(input);
      if (m) resolve(Number(m[1]));
    });
  });
}

async function run(): Promise<void> {
  const [file] = process.argv.slice(2);
  say('loaded');
  const seqBase = await waitForGo();
  say('opening');
  const opened = await openStoreSafely(file!);
  if (opened.movedAside) say(`moved-aside ${opened.movedAside.detail}`);
  // Profile 1 is the admin who set the desk up.
  const ctx: HandlerContext = { db: opened.store.db, now: () => Date.now(), session: { userId: 1 } };
  const ok = async <K extends MethodName>(method: K, request: RequestOf<K>): Promise<ResponseOf<K>> => {
    const result = await dispatch(method, request, ctx);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as ResponseOf<K>;
  };
  say('ready');
  let seq = seqBase;
  for (let n = 0; ; n++) {
    const started = await ok('startCall', {});
    const id = started.id;
    say(`S ${id} ${started.recordNo}`);
    const answered = await ok('answerCall', { id });
    say(`A ${id} ${answered.answeredAt}`);
    for (let k = 0; k < 2; k++) {
      seq++;
      await ok('updateCall', { id, patch: { remarks: `u${seq}` } });
      say(`U ${id} ${seq}`);
    }
    seq++;
    await ok('addStep', { id, text: `step ${seq}` });
    say(`P ${id} ${seq}`);
    if (n % 2 === 0) {
      await ok('setResult', { id, result: 'resolved' });
      await ok('closeCall', { id });
      say(`C ${id}`);
    }
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
