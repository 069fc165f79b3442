import { createContext, useContext, type ReactNode } from 'react';
import type { UserView } from '../../../../shared/api/records';

interface SessionValue {
  user: UserView;
  isLead: boolean;
  isAdmin: boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in profile, for screens that show or hide team-lead and admin actions. */
export function SessionProvider({ user, children }: { user: UserView; children: ReactNode }) {
  const value = { user, isLead: user.role === 'team_lead' || user.role === 'admin', isAdmin: user.role === 'admin' };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
