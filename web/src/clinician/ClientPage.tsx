// A client seen by their clinician (/clinician/clients/{id}[/{view}]): a header (handle,
// linked since, what the client shares) and a section navigation over the brief for the
// next session, the timeline of shared items, mood chart, questionnaire history,
// sessions, homework and the note draft. Each section asks the API for its own data, so
// a category the client does not share shows "Not shared by the client" there alone.
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { formatLongDate } from '../format';
import { t, type MessageKey } from '../i18n';
import { NotFound } from '../pages/NotFound';
import { clinicianApi } from './api';
import { BriefView } from './BriefView';
import { HomeworkView } from './HomeworkView';
import { MoodView } from './MoodView';
import { NoteView } from './NoteView';
import { ScoresView } from './ScoresView';
import { SessionsView } from './SessionsView';
import { LoadNote, shareLabel, useLoad } from './shared';
import { TimelineView } from './TimelineView';
import { SHARE_KEYS, type ClientHeader } from './types';

export const VIEWS = ['brief', 'timeline', 'mood', 'questionnaires', 'sessions', 'homework', 'note'] as const;
export type View = (typeof VIEWS)[number];

export function isView(v: string): v is View {
  return (VIEWS as readonly string[]).includes(v);
}

function Body({ view, client, query }: { view: View; client: ClientHeader; query: URLSearchParams }) {
  switch (view) {
    case 'brief':
      return <BriefView client={client} session={query.get('session')} />;
    case 'timeline':
      return <TimelineView client={client} />;
    case 'mood':
      return <MoodView client={client} />;
    case 'questionnaires':
      return <ScoresView client={client} />;
    case 'sessions':
      return <SessionsView client={client} />;
    case 'homework':
      return <HomeworkView client={client} />;
    case 'note':
      return <NoteView client={client} session={query.get('session')} />;
  }
}

export function ClientPage({ id, view, query }: { id: string; view: string; query: URLSearchParams }) {
  // Asked again on every section change, so a link the client has just ended shows at once.
  const [load] = useLoad(() => clinicianApi.client(id), [id, view]);
  if (!isView(view)) return <NotFound />;
  const viewName = t(`clinician.view.${view}` as MessageKey);
  if (load.state === 'not_linked') {
    return (
      <Page title={t('clinician.client.notFoundTitle')}>
        <p>{t('clinician.notLinked')}</p>
        <p>
          <Link href="/clinician">{t('clinician.backToCaseload')}</Link>
        </p>
      </Page>
    );
  }
  if (load.state !== 'ok') {
    return (
      <Page title={viewName}>
        <LoadNote load={load} />
      </Page>
    );
  }
  const client = load.data;
  const base = `/clinician/clients/${encodeURIComponent(client.id)}`;
  const shared = SHARE_KEYS.filter((k) => client.share[k]);
  return (
    <Page title={`${client.handle} · ${viewName}`} heading={client.handle}>
      <p class="meta">
        {t('clinician.client.linked', { date: formatLongDate(client.linked_at) })}{' '}
        {shared.length ? t('clinician.client.shares', { list: shared.map((k) => shareLabel(k)).join(', ') }) : t('clinician.client.sharesNothing')}
      </p>
      <nav class="subnav" aria-label={t('clinician.client.sections', { handle: client.handle })}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <Link href={v === 'brief' ? base : `${base}/${v}`} aria-current={v === view ? 'page' : undefined}>
                {t(`clinician.view.${v}` as MessageKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Body view={view} client={client} query={query} />
    </Page>
  );
}
