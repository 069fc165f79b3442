import type { PolicyTrailEntry } from '../../../../shared/api/policy';
import type { MessageKey } from '../../../../shared/i18n';
import { localDateTime } from '../../../../shared/timing/localTime';
import { useI18n } from '../../i18n';
import { spanLine } from './spanText';

const SOURCES: Record<string, MessageKey> = {
  screen: 'policy.sourceScreen',
  cli: 'policy.sourceCli',
  team: 'policy.sourceTeam',
  defaults: 'policy.sourceDefaults',
  'before trail': 'policy.sourceBeforeTrail',
};

/** The policy-level trail, newest first: who saved which version when, from when it is in force, why, and what it re-judged. */
export function PolicyHistory({ entries }: { entries: readonly PolicyTrailEntry[] }) {
  const { t } = useI18n();
  return (
    <section className="card policy-history" aria-labelledby="policy-history-title">
      <h3 id="policy-history-title">{t('policy.history')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('policy.historyEmpty')}</p>
      ) : (
        <ol className="audit" data-testid="policy-history">
          {entries.map((e) => {
            const zone = e.timeZone;
            const source = SOURCES[e.source] ? t(SOURCES[e.source]!) : e.source;
            return (
              <li key={`${e.version}-${e.at}`}>
                <strong>{t('policy.historyHead', { version: e.version, at: localDateTime(e.at, zone), actor: e.actor, source })}</strong>
                <br />
                {spanLine(e.effectiveFrom, e.effectiveUntil, zone, t)}{' '}
                {e.completed ? t('policy.historyRejudged', { n: e.recordsRejudged, v: e.verdictsChanged }) : t('policy.historyRunning')}
                {e.signedOffDays.length > 0 && (
                  <>
                    <br />
                    {t('policy.historySignedOff', { days: e.signedOffDays.map((d) => d.localDate).join(', ') })}
                  </>
                )}
                {e.reason && (
                  <>
                    <br />
                    <em>{t('policy.historyReason', { reason: e.reason })}</em>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
