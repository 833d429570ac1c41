// /sharing — "Your clinician": link with an invitation code choosing what to share, change
// or stop sharing with each linked clinician, and choose past journal entries to share.
import './sharing.css';
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText } from '../components/Status';
import { t } from '../i18n';
import type { User } from '../types';
import { LinkCard } from './LinkCard';
import { LinkForm } from './LinkForm';
import { setLinks, useLinks } from './links';
import { PastEntries } from './PastEntries';
import { SHARE_KEYS, type ClientLink } from './types';

function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function SharingPage({ user }: { user: User }) {
  const { links, sharesEntries, error, reload } = useLinks(user.id, user.role);
  const [message, setMessage] = useState<string | null>(null);
  const [showPast, setShowPast] = useState(() => new URLSearchParams(location.search).has('past'));
  const [addOpen, setAddOpen] = useState(false);

  const replace = (next: ClientLink[]) => setLinks(user.id, next);

  const linked = (link: ClientLink) => {
    replace([...(links ?? []).filter((l) => l.id !== link.id), link]);
    const any = SHARE_KEYS.some((k) => link.share[k]);
    setAddOpen(false);
    const key = link.share.entries ? 'sharing.linkedEntries' : any ? 'sharing.linked' : 'sharing.linkedNothing';
    setMessage(t(key, { handle: link.clinician.handle }));
    focusSoon('sh-message');
  };
  const changed = (link: ClientLink) => replace((links ?? []).map((l) => (l.id === link.id ? link : l)));
  const stopped = (link: ClientLink) => {
    replace((links ?? []).filter((l) => l.id !== link.id));
    setMessage(t('sharing.stopped', { handle: link.clinician.handle }));
    focusSoon('sh-message');
  };
  const openPast = () => {
    setShowPast(true);
    focusSoon('sh-past-title');
  };

  const hasLinks = links !== null && links.length > 0;
  const openAdd = () => {
    setAddOpen(true);
    focusSoon('l-code');
  };

  return (
    <Page title={t('sharing.title')}>
      <p>{t('sharing.intro')}</p>
      <p class="status focus-target" role="status" aria-live="polite" id="sh-message" tabIndex={-1}>
        {message}
      </p>
      <section aria-labelledby="sh-current-title">
        <h2 id="sh-current-title">{t('sharing.currentTitle')}</h2>
        {links === null && !error && <p>{t('sharing.loading')}</p>}
        {error !== null && (
          <div class="stack">
            <ErrorText>{t('sharing.loadError', { message: errorMessage(error) })}</ErrorText>
            <div>
              <button type="button" class="button" onClick={() => void reload()}>
                {t('sharing.retry')}
              </button>
            </div>
          </div>
        )}
        {links !== null && links.length === 0 && <p>{t('sharing.none')}</p>}
        {links?.map((l) => <LinkCard key={l.id} link={l} onChanged={changed} onStopped={stopped} />)}
        {hasLinks && (
          <p class="actions">
            {sharesEntries && !showPast && (
              <button type="button" class="button" onClick={openPast}>
                {t('sharing.pastLink')}
              </button>
            )}
            <Link href="/settings#access-log">{t('sharing.accessLink')}</Link>
          </p>
        )}
      </section>
      {showPast && (
        <section aria-labelledby="sh-past-title" class="card">
          <h2 id="sh-past-title" tabIndex={-1} class="focus-target">
            {t('sharing.pastTitle')}
          </h2>
          <PastEntries sharesEntries={sharesEntries} />
        </section>
      )}
      {hasLinks && !addOpen ? (
        <p>
          <button type="button" class="button" onClick={openAdd}>
            {t('sharing.linkAnother')}
          </button>
        </p>
      ) : (
        <section aria-labelledby="sh-link-title" class="card">
          <h2 id="sh-link-title">{t('sharing.linkTitle')}</h2>
          <LinkForm onLinked={linked} />
        </section>
      )}
    </Page>
  );
}
