import { useI18n } from '../../i18n';
import type { TargetAlert } from './useTargetAlerts';

/**
 * In-page alerts for targets that turned near or breached: the browser-mode twin of a desktop
 * notification. Stacked in the window's lower right corner, over the page: an alert never moves
 * the desk (a button an agent is about to press stays where it was).
 */
export function AlertStack({ alerts, onOpen, onDismiss }: { alerts: TargetAlert[]; onOpen: (id: number) => void; onDismiss: (key: string) => void }) {
  const { t } = useI18n();
  if (alerts.length === 0) return null;
  return (
    <div className="alert-stack" role="alert" aria-label={t('alerts.title')} data-testid="alert-stack">
      {alerts.map((a) => (
        <div key={a.key} className={`alert alert-${a.state}`}>
          <button type="button" className="link" title={a.text} onClick={() => onOpen(a.recordId)}>
            {a.text}
          </button>
          <button type="button" className="dismiss" aria-label={t('alerts.dismiss')} onClick={() => onDismiss(a.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
