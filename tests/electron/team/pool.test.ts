import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTeam } from '../../../electron/teamStore/connect';
import { TeamServerError } from '../../../electron/teamStore/errors';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import type { PgCluster } from '../../helpers/pgCluster';
import { startTeamServer } from '../../helpers/teamServer';

describe('a desk pool when PostgreSQL is killed', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startTeamServer();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('survives: the idle error is handled, the next query fails as unreachable, and it works again after a restart', async () => {
    const { url } = await addTeamLogin(cluster.superUrl, 'desk', 'K');
    const idleErrors: TeamServerError[] = [];
    const conn = connectTeam(url, { kind: 'desk', connectTimeoutMs: 2_000, onIdleError: (e) => idleErrors.push(e) });
    try {
      expect((await conn.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'K' }]);
      await cluster.kill();
      await new Promise((r) => setTimeout(r, 300));
      expect(idleErrors.map((e) => e.kind)).toEqual(['unreachable']);
      const err = await conn.query('SELECT 1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TeamServerError);
      expect((err as TeamServerError).kind).toBe('unreachable');
      expect((err as Error).message).toMatch(/^the team server is unreachable: /);
      expect((err as Error).message).not.toContain(new URL(url).password);
      await cluster.start();
      expect((await conn.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'K' }]);
    } finally {
      await conn.close();
    }
  });
});
