import { useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

/**
 * Long text (a note, a step, an audit value) cut to a few lines, with "Show all"
 * when there is more: a 2,000-character note no longer runs down the page. The
 * button appears only when the text really overflows its lines at this width.
 */
export function Clamp({ text, lines = 4, className }: { text: string; lines?: number; className?: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || open) return;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, lines, open]);
  return (
    <span className={`clamp${className ? ` ${className}` : ''}`} data-clamped={!open && overflows ? 'true' : undefined}>
      <span ref={box} className="clamp-text" style={open ? undefined : { WebkitLineClamp: lines }} data-open={open ? 'true' : undefined}>
        {text}
      </span>
      {(overflows || open) && (
        <button type="button" className="link clamp-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('clamp.showLess') : t('clamp.showAll')}
        </button>
      )}
    </span>
  );
}
