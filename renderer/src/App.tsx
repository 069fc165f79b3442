import { useEffect, useState } from 'react';
import type { DeskInfo } from '../../shared/api/records';
import { api } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { DeskScreen } from './features/desk/DeskScreen';
import { SetupScreen } from './features/setup/SetupScreen';
import { useI18n } from './i18n';

type DeskState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; desk: DeskInfo | null };

export function App() {
  const { t, errorText } = useI18n();
  const [state, setState] = useState<DeskState>({ status: 'loading' });

  useEffect(() => {
    void api.getDesk({}).then((result) =>
      setState(result.ok ? { status: 'ready', desk: result.value } : { status: 'failed', message: errorText(result.error) }),
    );
    // errorText changes with the language; the desk is loaded once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const desk = state.status === 'ready' ? state.desk : null;
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        {desk && (
          <span className="desk-id">
            {t('app.desk')} <strong>{desk.code}</strong> · {t('app.agent')} <strong>{desk.agentName}</strong> · {desk.timeZone}
          </span>
        )}
        <LanguageSwitch />
      </header>
      {state.status === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state.status === 'failed' && <p role="alert" className="error">{state.message}</p>}
      {state.status === 'ready' && !desk && <SetupScreen onDone={(d) => setState({ status: 'ready', desk: d })} />}
      {desk && <DeskScreen />}
    </div>
  );
}
