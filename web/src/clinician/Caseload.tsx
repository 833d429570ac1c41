// Caseload (/clinician): the clinician's linked clients in the server's order of need, each
// with its need reasons as text badges, open alerts, the 14-day mood sparkline with its
// words, latest questionnaire scores with reliable change, last activity and next session.
// A field the client does not share arrives as null and says "Not shared".
import { useInstruments } from '../care/instruments';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { formatDateTime, formatShortDate } from '../format';
import { t } from '../i18n';
import { clinicianApi } from './api';
import { LoadNote, Sparkline, reliableClass, reliableText, scoreText, sparkText, useLoad } from './shared';
import type { CaseloadRow } from './types';
import type { Instrument } from '../types';

function Row({ row, instruments }: { row: CaseloadRow; instruments: Instrument[] | null }) {
  const bandLabel = (inst: string, id: string) => instruments?.find((i) => i.id === inst)?.bands.find((b) => b.id === id)?.label;
  const href = `/clinician/clients/${encodeURIComponent(row.client.id)}`;
  const urgent = row.need.reasons.some((r) => r.code === 'open_alert');
  const headingId = `cl-${row.client.id}`;
  return (
    <li class={`card caseload-row${urgent ? ' urgent' : ''}`} data-testid="caseload-row">
      <h2 id={headingId}>
        <Link href={href}>{row.client.handle}</Link>
      </h2>
      {row.need.reasons.length > 0 ? (
        <ul class="need-list" aria-label={t('clinician.caseload.needLabel')}>
          {row.need.reasons.map((r) => (
            <li key={r.code} class={`badge need need-${r.code}`}>
              {r.text}
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t('clinician.caseload.noNeed')}</p>
      )}
      <dl class="facts">
        <div>
          <dt>{t('clinician.caseload.alerts')}</dt>
          <dd>{row.open_alerts === null ? t('clinician.notSharedShort') : row.open_alerts}</dd>
        </div>
        <div>
          <dt>{t('clinician.caseload.mood')}</dt>
          <dd class="spark-cell">
            {row.sparkline && <Sparkline values={row.sparkline} />}
            <span data-testid="spark-text">{sparkText(row.sparkline)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('clinician.caseload.scores')}</dt>
          <dd>
            {row.latest === null ? (
              t('clinician.notSharedShort')
            ) : row.latest.length === 0 ? (
              t('clinician.caseload.noScores')
            ) : (
              <ul class="plain">
                {row.latest.map((s) => {
                  const change = reliableText(s.reliable_change);
                  return (
                    <li key={String(s.instrument)}>
                      {scoreText(s, bandLabel)}, {formatShortDate(s.at)}
                      {change && (
                        <>
                          {' — '}
                          {t('clinician.caseload.sinceFirst')} <span class={reliableClass(s.reliable_change)}>{change}</span>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('clinician.caseload.lastActivity')}</dt>
          <dd>{row.last_activity_at ? formatDateTime(row.last_activity_at) : t('clinician.caseload.noActivity')}</dd>
        </div>
        <div>
          <dt>{t('clinician.caseload.nextSession')}</dt>
          <dd>
            {row.next_session_at ? formatDateTime(row.next_session_at) : t('clinician.caseload.noSession')}
            {' · '}
            <Link href={`${href}/sessions`}>{t('clinician.caseload.sessionsLink', { handle: row.client.handle })}</Link>
          </dd>
        </div>
      </dl>
    </li>
  );
}

export function Caseload() {
  const [load] = useLoad(() => clinicianApi.caseload(), []);
  const [instruments] = useInstruments();
  return (
    <Page title={t('clinician.caseload.title')}>
      <p class="lead">{t('clinician.caseload.intro')}</p>
      <LoadNote load={load} what={t('clinician.caseload.loading')} />
      {load.state === 'ok' &&
        (load.data.length === 0 ? (
          <div class="card">
            <p>{t('clinician.caseload.empty')}</p>
            <p>
              <Link href="/clinician/invite">{t('clinician.caseload.invite')}</Link>
            </p>
          </div>
        ) : (
          <ol class="caseload" aria-label={t('clinician.caseload.listLabel')} data-testid="caseload">
            {load.data.map((row) => (
              <Row key={row.client.id} row={row} instruments={instruments} />
            ))}
          </ol>
        ))}
    </Page>
  );
}
