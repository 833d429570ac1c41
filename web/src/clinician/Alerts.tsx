// Alerts (/clinician/alerts): safety alerts of the clients who share them, open ones first
// (or all, including acknowledged ones), each with the client, tier, where it came from and
// its reason codes — never the client's words — and an Acknowledge button.
import { useState } from 'preact/hooks';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { clinicianApi } from './api';
import { LoadNote, useLoad } from './shared';
import { AlertAck, alertReasons, tierLabel } from './TimelineView';
import type { Alert } from './types';

export function Alerts() {
  const [all, setAll] = useState(false);
  const [load, , setData] = useLoad(() => clinicianApi.alerts(all ? 'all' : 'open'), [all]);
  const replace = (a: Alert) => {
    if (load.state === 'ok') setData(load.data.map((x) => (x.id === a.id ? { ...x, ...a } : x)));
  };
  return (
    <Page title={t('clinician.alerts.title')}>
      <p class="lead">{t('clinician.alerts.intro')}</p>
      <label class="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll((e.target as HTMLInputElement).checked)} />
        <span>{t('clinician.alerts.showAll')}</span>
      </label>
      <LoadNote load={load} />
      {load.state === 'ok' &&
        (load.data.length === 0 ? (
          <p>{all ? t('clinician.alerts.noneAll') : t('clinician.alerts.none')}</p>
        ) : (
          <ul class="plain" data-testid="alerts">
            {load.data.map((a) => (
              <li key={a.id} class={`card alert-item${a.acknowledged_at ? '' : ' urgent'}`} data-testid="alert">
                <h2>
                  <Link href={`/clinician/clients/${encodeURIComponent(a.client.id)}/timeline#tl-alert-${encodeURIComponent(a.id)}`}>
                    {t('clinician.alerts.heading', { handle: a.client.handle, tier: tierLabel(a.tier) })}
                  </Link>
                </h2>
                <p class="meta">
                  {formatDateTime(a.created_at)} ·{' '}
                  {t('clinician.alert.from', { source: t(`clinician.alert.source.${a.source}` as MessageKey), reasons: alertReasons(a) || '–' })}
                </p>
                <AlertAck alert={a} onDone={replace} />
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}
