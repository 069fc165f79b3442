import { useEffect, useRef, useState } from 'react';
import type { CallSummary } from '../../../../shared/api/records';
import type { Policy } from '../../../../shared/policy/schema';
import { evaluateTargets, type TargetStatus } from '../../../../shared/timing/compliance';
import { api } from '../../api';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { alertInForce, type AlertSubject } from './alertsInForce';
import { stateKey, targetKey } from './targetText';

export interface TargetAlert extends AlertSubject {
  key: string;
  text: string;
}

const SEEN_KEY = 'hotline.alerted';
const MAX_SEEN = 2000;

/** Alerts already raised, kept across reloads so each target alerts once per state. */
function loadSeen(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(SEEN_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * Watches the day's running targets; when one turns near or breached it raises,
 * once, an in-page alert and (in the desktop app) a desktop notification. An alert
 * goes by itself once it asks for nothing more (alertInForce): met, reason given, call closed.
 */
export function useTargetAlerts(records: readonly CallSummary[], policyFor: (v: number | null) => Policy | null) {
  const { t } = useI18n();
  const now = useNow(5000);
  const seen = useRef<Set<string>>(loadSeen());
  const [alerts, setAlerts] = useState<TargetAlert[]>([]);

  useEffect(() => {
    const fresh: TargetAlert[] = [];
    const statuses = new Map<number, TargetStatus[]>();
    for (const record of records) {
      const policy = policyFor(record.policyVersion);
      if (!policy) continue;
      const targets = evaluateTargets(record.timing, policy, now);
      statuses.set(record.id, targets);
      for (const target of targets) {
        if (target.endAt !== null || (target.state !== 'near' && target.state !== 'breached')) continue;
        const key = `${record.recordNo}:${target.kind}:${target.index}:${target.state}`;
        if (seen.current.has(key)) continue;
        seen.current.add(key);
        const text = `${record.recordNo} ${record.salutation ?? ''} · ${t(targetKey(target))}: ${t(stateKey(target))}`;
        fresh.push({ key, recordId: record.id, kind: target.kind, index: target.index, text, state: target.state });
      }
    }
    const inForce = (a: TargetAlert) => alertInForce(a, records.find((r) => r.id === a.recordId), statuses.get(a.recordId) ?? []);
    setAlerts((prev) => {
      const kept = prev.filter(inForce);
      return fresh.length === 0 && kept.length === prev.length ? prev : [...fresh, ...kept].slice(0, 20);
    });
    if (fresh.length === 0) return;
    localStorage.setItem(SEEN_KEY, JSON.stringify([...seen.current].slice(-MAX_SEEN)));
    for (const alert of fresh) void api.notify({ title: t('alerts.title'), body: alert.text });
  }, [records, policyFor, now, t]);

  const dismiss = (key: string) => setAlerts((prev) => prev.filter((a) => a.key !== key));
  return { alerts, dismiss };
}
