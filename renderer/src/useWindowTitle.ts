import { useEffect } from 'react';
import type { DeskInfo, UserView } from '../../shared/api/records';

/**
 * The page title, which the desktop window and the browser tab both show:
 * "Hotline Log — A03 · 张主管". With several desks' windows or tabs open on
 * one screen (a team lead covering two), the task bar tells them apart.
 */
export function useWindowTitle(appTitle: string, desk: DeskInfo | null, user: UserView | null): void {
  const title = desk ? `${appTitle} — ${desk.code}${user ? ` · ${user.name}` : ''}` : appTitle;
  useEffect(() => {
    document.title = title;
  }, [title]);
}
