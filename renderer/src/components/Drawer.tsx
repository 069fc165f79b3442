import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';

/**
 * A panel that slides over the right of the page (fixed, so the list under it keeps its
 * columns), closed with its × or Escape. Not modal: the list stays usable beside it, and
 * another row opens in the same drawer.
 */
export function Drawer({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const { t } = useI18n();
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-label={label} data-testid="drawer">
      <button type="button" className="drawer-close" aria-label={t('drawer.close')} title={t('drawer.close')} onClick={onClose}>
        ×
      </button>
      <div className="drawer-body">{children}</div>
    </aside>
  );
}
