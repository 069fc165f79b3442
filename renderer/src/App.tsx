import { useEffect, useState } from 'react';
import type { DeskInfo, UserView } from '../../shared/api/records';
import type { MessageKey } from '../../shared/i18n';
import { api, events } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { DeskScreen } from './features/desk/DeskScreen';
import { FollowUpsScreen } from './features/followups/FollowUpsScreen';
import { PoliciesProvider } from './features/policy/usePolicies';
import { PolicyScreen } from './features/policy/PolicyScreen';
import { ReviewScreen } from './features/review/ReviewScreen';
import { SessionProvider } from './features/session/useSession';
import { SignInScreen } from './features/session/SignInScreen';
import { SetupScreen } from './features/setup/SetupScreen';
import { StatsScreen } from './features/stats/StatsScreen';
import { TeamScreen } from './features/team/TeamScreen';
import { TeamStatusLine } from './features/teamLink/TeamStatusLine';
import { BoardScreen } from './features/board/BoardScreen';
import { useTeamScope } from './features/teamLink/useTeamScope';
import { useI18n } from './i18n';
import { screenShortcut, useScreenKeys } from './keyboard/useScreenKeys';
import { useWindowTitle } from './useWindowTitle';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; desk: DeskInfo | null; user: UserView | null };
type Tab = 'desk' | 'followUps' | 'review' | 'stats' | 'policy' | 'team' | 'board';

/** Tabs each role sees: the policy and the profiles are the admin's; the team board a lead's or admin's in team scope (last, so the others keep their keys). */
function tabsFor(user: UserView, teamScope: boolean): Tab[] {
  const tabs: Tab[] = ['desk', 'followUps', 'review', 'stats'];
  const own: Tab[] = user.role === 'admin' ? [...tabs, 'policy', 'team'] : tabs;
  return teamScope && user.role !== 'agent' ? [...own, 'board'] : own;
}

export function App() {
  const { t, errorText } = useI18n();
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [tab, setTab] = useState<Tab>('desk');
  /** A record another screen asked the desk to open (a follow-up, an alert, the review). */
  const [openRequest, setOpenRequest] = useState<{ id: number; fromPhone?: boolean } | null>(null);

  useEffect(() => {
    void (async () => {
      const desk = await api.getDesk({});
      if (!desk.ok) return setState({ status: 'failed', message: errorText(desk.error) });
      const user = desk.value ? await api.whoAmI({}) : null;
      setState({ status: 'ready', desk: desk.value, user: user?.ok ? user.value : null });
    })();
    // errorText changes with the language; the desk is loaded once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const desk = state.status === 'ready' ? state.desk : null;
  const user = state.status === 'ready' ? state.user : null;
  /** This desk reads team scope (a lead's URL kept) and the profile may: the board tab shows. */
  const teamScope = useTeamScope(user !== null && user.role !== 'agent').available;
  useWindowTitle(t('app.title'), desk, user);
  const tabs = desk && user ? tabsFor(user, teamScope) : [];
  useScreenKeys(tabs, setTab);
  const openOnDesk = (id: number) => {
    setOpenRequest({ id });
    setTab('desk');
  };
  // The phone rang this desk: its record opens on the desk as if New call had been pressed, with the caller's history.
  const signedIn = desk !== null && user !== null;
  useEffect(() => {
    if (!signedIn) return;
    return events.on('phoneCall', (news) => {
      if (!news.opened || news.recordId === null) return;
      setOpenRequest({ id: news.recordId, fromPhone: true });
      setTab('desk');
    });
  }, [signedIn]);
  const switchUser = async () => {
    await api.signOut({});
    if (state.status === 'ready') setState({ ...state, user: null });
    setTab('desk');
  };
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        {desk && user && (
          <nav className="tabs" aria-label={t('app.title')}>
            {tabs.map((name, index) => (
              <button
                key={name}
                type="button"
                className={tab === name ? 'tab active' : 'tab'}
                aria-current={tab === name ? 'page' : undefined}
                title={t('nav.shortcut', { keys: screenShortcut(index) })}
                aria-keyshortcuts={screenShortcut(index)}
                onClick={() => setTab(name)}
              >
                {t(`nav.${name}` as MessageKey)}
              </button>
            ))}
          </nav>
        )}
        {desk && (
          <span className="desk-id">
            {t('app.desk')} <strong>{desk.code}</strong>
            {user && (
              <>
                {' '}
                · <strong data-testid="current-user">{user.name}</strong> ({t(`role.${user.role}` as MessageKey)}) ·{' '}
                <button type="button" className="link light" onClick={() => void switchUser()}>
                  {t('session.switch')}
                </button>
              </>
            )}
          </span>
        )}
        {desk && user && <TeamStatusLine zone={desk.timeZone} />}
        <LanguageSwitch />
      </header>
      {state.status === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && !desk && <SetupScreen onDone={(d, u) => setState({ status: 'ready', desk: d, user: u })} />}
      {state.status === 'ready' && desk && !user && <SignInScreen onSignedIn={(u) => setState({ ...state, user: u })} />}
      {desk && user && (
        <SessionProvider user={user}>
          <PoliciesProvider>
            {/* Keyed by profile: a switch of user starts the desk afresh. The desk stays mounted on every tab so its timers and alerts keep running. */}
            <div hidden={tab !== 'desk'} key={user.id}>
              <DeskScreen openRequest={openRequest} />
            </div>
            {tab === 'followUps' && <FollowUpsScreen zone={desk.timeZone} onOpen={openOnDesk} />}
            {tab === 'review' && <ReviewScreen zone={desk.timeZone} onEdit={openOnDesk} />}
            {tab === 'stats' && <StatsScreen zone={desk.timeZone} />}
            {tab === 'policy' && <PolicyScreen />}
            {tab === 'team' && <TeamScreen />}
            {tab === 'board' && <BoardScreen zone={desk.timeZone} />}
          </PoliciesProvider>
        </SessionProvider>
      )}
    </div>
  );
}
