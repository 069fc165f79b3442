import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerContext } from '../../electron/handlers/context';
import { dispatch } from '../../electron/handlers/dispatch';
import { openStore, type Store } from '../../electron/store/openDb';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';

/** A fresh directory under the OS temp folder, removed by the returned function. */
export function tempDir(prefix = 'hotline-test-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A settable clock for handlers: tests decide what "now" is. */
export class TestClock {
  constructor(public ms: number) {}
  now = (): number => this.ms;
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

export interface TestDesk {
  store: Store;
  clock: TestClock;
  ctx: HandlerContext;
  file: string;
  /** Calls a method through the real dispatcher (schema validation included). */
  call<K extends MethodName>(method: K, request: RequestOf<K>): Promise<ApiResult<ResponseOf<K>>>;
  /** Like call, but fails the test on an error envelope. */
  ok<K extends MethodName>(method: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  close(): Promise<void>;
}

/** 2024-05-20 14:15 in Shanghai (06:15 UTC): the seed's first example call. */
export const SEED_MORNING = Date.UTC(2024, 4, 20, 6, 15);

/** A real temp-file database, migrated to the latest version, with a desk set up (unless `setup` is false). */
export async function openTestDesk(options: { now?: number; setup?: boolean; file?: string; zone?: string; code?: string } = {}): Promise<TestDesk> {
  const tmp = options.file ? null : tempDir();
  const file = options.file ?? path.join(tmp!.dir, 'hotline.db');
  const store = await openStore(file);
  const clock = new TestClock(options.now ?? SEED_MORNING);
  const ctx: HandlerContext = { db: store.db, now: clock.now, session: { userId: null } };
  const call = <K extends MethodName>(method: K, request: RequestOf<K>) =>
    dispatch(method, request, ctx) as Promise<ApiResult<ResponseOf<K>>>;
  const ok = async <K extends MethodName>(method: K, request: RequestOf<K>) => {
    const result = await call(method, request);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  if (options.setup !== false) {
    await ok('setupDesk', { code: options.code ?? 'A03', agentName: '李娜', timeZone: options.zone ?? 'Asia/Shanghai' });
  } else {
    // Reopening a set-up desk: sign in its first profile, as whoAmI does for a one-profile desk.
    ctx.session.userId = (await store.db.selectFrom('users').select('id').orderBy('id').executeTakeFirst())?.id ?? null;
  }
  return {
    store,
    clock,
    ctx,
    file,
    call,
    ok,
    close: async () => {
      await store.close();
      tmp?.remove();
    },
  };
}
