// Today: a greeting, the quick mood check-in, a gentle line when a questionnaire is due,
// open homework from a clinician (sharing/HomeworkCard),
// today's earlier check-ins (including any not sent yet) and a quick "write" box.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { queuedCheckins, subscribeCheckins } from '../checkins';
import { CareReminder } from '../components/CareReminder';
import { CheckInForm } from '../components/CheckInForm';
import { Page } from '../components/Page';
import { QuickWrite } from '../components/QuickWrite';
import { HomeworkCard } from '../sharing/HomeworkCard';
import { formatList, formatLongDate, formatTime } from '../format';
import { t, type MessageKey } from '../i18n';
import type { CheckIn, User } from '../types';

const SEEN_KEY = 'interlude.seen.v1';

/** The name to greet someone by: an e-mail account's local part (never its random handle),
 * an anonymous account's handle. '' when there is none to use. */
export function greetingName(user: User): string {
  if (user.email !== null) return user.email.split('@')[0] ?? '';
  return user.handle;
}

/** True on a person's first visit: a new account (an hour old at most) not yet greeted here. */
function firstVisit(user: User): boolean {
  let seen: string[] = [];
  try {
    seen = JSON.parse(localStorage.getItem(SEEN_KEY) || '[]') as string[];
  } catch {
    seen = [];
  }
  if (seen.includes(user.id)) return false;
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify([...seen, user.id].slice(-20)));
  } catch {
    /* not remembered: next time is "first" again only while the account is new */
  }
  return Date.now() - Date.parse(user.created_at) < 60 * 60 * 1000;
}

function greeting(user: User, first: boolean): string {
  const name = greetingName(user);
  if (first) return name ? t('today.greetingFirst', { name }) : t('today.greetingFirstNoName');
  return name ? t('today.greeting', { name }) : t('today.greetingNoName');
}

interface Row {
  key: string;
  at: string;
  valence: number;
  energy: number;
  emotions: string[];
  pending: boolean;
}

function startOfToday(): Date {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}

function useTodayCheckins(userId: string): [Row[], () => void] {
  const [sent, setSent] = useState<CheckIn[]>([]);
  const [queued, setQueued] = useState(() => queuedCheckins(userId));
  const load = () => {
    api.listCheckins({ from: startOfToday().toISOString(), limit: 100 }).then(
      (r) => setSent(r.checkins),
      () => {
        /* offline: show what is on the device */
      },
    );
  };
  useEffect(() => {
    load();
    return subscribeCheckins(() => {
      const now = queuedCheckins(userId);
      setQueued((old) => {
        if (now.length < old.length) load(); // one was sent: show it as the server has it
        return now;
      });
    });
  }, [userId]);
  const since = startOfToday().getTime();
  const rows: Row[] = [
    ...queued.filter((q) => Date.parse(q.body.at) >= since).map((q) => ({ key: q.localId, ...q.body, pending: true })),
    ...sent.map((c) => ({ key: c.id, at: c.at, valence: c.valence, energy: c.energy, emotions: c.emotions ?? [], pending: false })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return [rows, load];
}

export function Today({ user }: { user: User }) {
  const [first] = useState(() => firstVisit(user));
  const [rows, reload] = useTodayCheckins(user.id);
  return (
    <Page title={t('today.title')}>
      <p class="lead">
        {formatLongDate(new Date())}. {greeting(user, first)}
      </p>
      <section aria-labelledby="checkin-title" class="card">
        <h2 id="checkin-title">{t('today.checkinTitle')}</h2>
        <p class="hint">{t('today.checkinIntro')}</p>
        <CheckInForm user={user} onSaved={reload} />
      </section>
      <CareReminder />
      {user.role === 'client' && <HomeworkCard />}
      {rows.length > 0 && (
        <section aria-labelledby="recent-title" class="card">
          <h2 id="recent-title">{t('today.recentTitle')}</h2>
          <ul class="checkin-list">
            {rows.map((c) => (
              <li key={c.key} class={c.pending ? 'checkin-item pending-checkin' : 'checkin-item'}>
                <p>
                  <time dateTime={c.at}>{formatTime(c.at)}</time> · {t('mood.valence', { label: t(`valence.${c.valence}` as MessageKey) })} ·{' '}
                  {t('mood.energy', { label: t(`energy.${c.energy}` as MessageKey) })}
                  {c.pending && (
                    <>
                      {' '}
                      · <strong class="badge">{t('today.pendingItem')}</strong>
                    </>
                  )}
                </p>
                {c.emotions.length > 0 && <p class="meta">{t('mood.emotions', { list: formatList(c.emotions) })}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="write-title" class="card">
        <h2 id="write-title">{t('today.writeTitle')}</h2>
        <QuickWrite user={user} />
      </section>
    </Page>
  );
}
