// The pre-session brief: for the chosen session (default: the next one), the period since
// the session before, and its sections — mood, scores, themes, entries, risk, homework,
// agenda — each statement followed by links to the items behind it (they open the
// timeline, or the homework list, at that item). A section the client does not share says
// so instead of showing statements.
import { Link } from '../components/Link';
import { SelectField } from '../components/Field';
import { formatDateTime, formatLongDate, formatShortDate } from '../format';
import { t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { clinicianApi } from './api';
import { LoadNote, NotShared, useLoad } from './shared';
import type { ClientHeader, Source } from './types';

/** Where a source item is shown: the timeline (check-ins, entries, assessments, alerts) or homework. */
export function sourceHref(clientId: string, s: Source): string {
  const base = `/clinician/clients/${encodeURIComponent(clientId)}`;
  if (s.kind === 'assignment') return `${base}/homework#hw-${encodeURIComponent(s.id)}`;
  return `${base}/timeline#tl-${s.kind}-${encodeURIComponent(s.id)}`;
}

export function sourceLabel(s: Source): string {
  const kind = ['checkin', 'entry', 'assessment', 'alert', 'assignment'].includes(s.kind) ? s.kind : 'item';
  const name = t(`clinician.source.${kind}` as MessageKey);
  return s.at ? t('clinician.source.at', { name, date: formatShortDate(s.at) }) : name;
}

export function Sources({ clientId, sources }: { clientId: string; sources: Source[] }) {
  if (!sources.length) return null;
  return (
    <span class="sources">
      {' '}
      <span class="visually-hidden">{t('clinician.source.label')}</span>
      {sources.map((s, i) => (
        <span key={`${s.kind}-${s.id}`}>
          {i > 0 && ', '}
          <Link href={sourceHref(clientId, s)} data-testid="brief-source">
            {sourceLabel(s)}
          </Link>
        </span>
      ))}
    </span>
  );
}

export function BriefView({ client, session }: { client: ClientHeader; session: string | null }) {
  const [brief] = useLoad(() => clinicianApi.brief(client.id, session), [client.id, session]);
  const [sessions] = useLoad(() => clinicianApi.sessions(client.id), [client.id]);
  const base = `/clinician/clients/${encodeURIComponent(client.id)}`;
  return (
    <section aria-labelledby="brief-title" data-testid="brief">
      <h2 id="brief-title">{t('clinician.brief.title')}</h2>
      {sessions.state === 'ok' && sessions.data.length > 0 && (
        <div class="narrow">
          <SelectField
            id="brief-session"
            label={t('clinician.brief.session')}
            value={session ?? ''}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              navigate(v ? `${base}?session=${encodeURIComponent(v)}` : base, { replace: true });
            }}
          >
            <option value="">{t('clinician.brief.nextSession')}</option>
            {sessions.data.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDateTime(s.at)}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <LoadNote load={brief} what={t('clinician.brief.loading')} />
      {brief.state === 'ok' && (
        <>
          <p class="meta" data-testid="brief-period">
            {t('clinician.brief.period', { from: formatLongDate(brief.data.period.from), to: formatLongDate(brief.data.period.to) })}{' '}
            {brief.data.session ? t('clinician.brief.forSession', { date: formatDateTime(brief.data.session.at) }) : t('clinician.brief.noSession')}
          </p>
          {brief.data.sections.map((sec) => (
            <section key={sec.id} class="card brief-section" aria-labelledby={`brief-${sec.id}`} data-testid={`brief-${sec.id}`}>
              <h3 id={`brief-${sec.id}`}>{sec.title}</h3>
              {!sec.shared ? (
                <NotShared />
              ) : sec.statements.length === 0 ? (
                <p class="hint">{t('clinician.brief.nothing')}</p>
              ) : (
                <ul class="statements">
                  {sec.statements.map((st, i) => (
                    <li key={i}>
                      {st.text}
                      <Sources clientId={client.id} sources={st.sources} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
