import { useEffect, useState } from 'react';
import type { TeamScopeView } from '../../../../shared/api/team';
import { api } from '../../api';

const NONE: TeamScopeView = { available: false, desks: [] };

/**
 * Whether this desk reads team scope, and the team's desks, asked once while
 * `asks` holds (a lead or an admin signed in): the board tab, and Statistics'
 * and Review's switch, all show by it.
 */
export function useTeamScope(asks: boolean): TeamScopeView {
  const [scope, setScope] = useState<TeamScopeView>(NONE);
  useEffect(() => {
    if (!asks) return setScope(NONE);
    let live = true;
    void api.teamScope({}).then((r) => live && r.ok && setScope(r.value));
    return () => {
      live = false;
    };
  }, [asks]);
  return scope;
}
