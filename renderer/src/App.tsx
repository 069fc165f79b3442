import { useEffect, useState } from 'react';
import type { DeskInfo } from '../../shared/api/records';
import type { MessageKey } from '../../shared/i18n';
import { api } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { DeskScreen } from './features/desk/DeskScreen';
import { FollowUpsScreen } from './features/followups/FollowUpsScreen';
import { PoliciesProvider } from './features/policy/usePolicies';
import { PolicyScreen } from './features/policy/PolicyScreen';
import { SetupScreen } from './features/setup/SetupScreen';
import { useI18n } from './i18n';

type DeskState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; desk: DeskInfo | null };
const TABS = ['desk', 'followUps', 'policy'] as const;
type Tab = (typeof TABS)[number];

export function App() {
  const { t, errorText } = useI18n();
  const [state, setState] = useState<DeskState>({ status: 'loading' });
  const [tab, setTab] = useState<Tab>('desk');
  /** A record another screen asked the desk to open (a follow-up, an alert). */
  const [openRequest, setOpenRequest] = useState<{ id: number } | null>(null);

  useEffect(() => {
    void api.getDesk({}).then((result) =>
      setState(result.ok ? { status: 'ready', desk: result.value } : { status: 'failed', message: errorText(result.error) }),
    );
    // errorText changes with the language; the desk is loaded once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const desk = state.status === 'ready' ? state.desk : null;
  const openOnDesk = (id: number) => {
    setOpenRequest({ id });
    setTab('desk');
  };
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        {desk && (
          <nav className="tabs" aria-label={t('app.title')}>
            {TABS.map((name) => (
              <button key={name} type="button" className={tab === name ? 'tab active' : 'tab'} aria-current={tab === name ? 'page' : undefined} onClick={() => setTab(name)}>
                {t(`nav.${name}` as MessageKey)}
              </button>
            ))}
          </nav>
        )}
        {desk && (
          <span className="desk-id">
            {t('app.desk')} <strong>{desk.code}</strong> · {t('app.agent')} <strong>{desk.agentName}</strong> · {desk.timeZone}
          </span>
        )}
        <LanguageSwitch />
      </header>
      {state.status === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && !desk && <SetupScreen onDone={(d) => setState({ status: 'ready', desk: d })} />}
      {desk && (
        <PoliciesProvider>
          {/* The desk stays mounted on every tab: its open call, timers and alerts keep running. */}
          <div hidden={tab !== 'desk'}>
            <DeskScreen openRequest={openRequest} />
          </div>
          {tab === 'followUps' && <FollowUpsScreen zone={desk.timeZone} onOpen={openOnDesk} />}
          {tab === 'policy' && <PolicyScreen />}
        </PoliciesProvider>
      )}
    </div>
  );
}
