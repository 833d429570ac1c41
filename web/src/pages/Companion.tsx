// Companion (/companion): what the companion is (automated — not a person or a therapist),
// a button to start a new conversation, and past conversations, newest first.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { takeFlash } from '../flash';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { navigate } from '../router';
import type { ConversationListItem } from '../types';
import { CompanionNotice } from '../components/CompanionNotice';
import { primeConversation } from './Conversation';

export function Companion() {
  const [flash] = useState(takeFlash);
  const [items, setItems] = useState<ConversationListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.conversations().then(
      (r) => setItems(r.items ?? []),
      (e) => {
        setItems([]);
        setError(errorMessage(e));
      },
    );
  }, []);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await api.createConversation();
      primeConversation(c);
      navigate(`/companion/${encodeURIComponent(c.id)}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Page title={t('companion.title')}>
      <Status>{flash}</Status>
      <p class="lead">{t('companion.intro')}</p>
      <CompanionNotice />
      <div class="actions">
        <button type="button" class="button primary" onClick={() => void start()} disabled={busy}>
          {busy ? t('companion.starting') : t('companion.start')}
        </button>
      </div>
      <ErrorText>{error}</ErrorText>
      <section class="card" aria-labelledby="conv-list" aria-busy={items === null ? 'true' : undefined}>
        <h2 id="conv-list">{t('companion.listTitle')}</h2>
        {items === null ? (
          <p>{t('app.loading')}</p>
        ) : items.length === 0 ? (
          <p>{t('companion.empty')}</p>
        ) : (
          <ul class="entry-list">
            {items.map((c) => (
              <li key={c.id} class="entry" data-testid="conversation-item">
                <h3>
                  <Link href={`/companion/${encodeURIComponent(c.id)}`}>{t('companion.item', { date: formatDateTime(c.created_at) })}</Link>
                </h3>
                <p class="meta">{t('companion.messages', { count: c.messages })}</p>
                {c.summary && <p class="excerpt">{c.summary}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
