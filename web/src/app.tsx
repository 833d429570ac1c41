// The app frame: skip link, header with navigation and the crisis bar (the help link on
// every page, and the person's safety plan when signed in — both early in the tab order),
// offline and unsent-draft banners, route selection and focus management.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from './components/Link';
import { flushCheckins, queuedCheckins, subscribeCheckins } from './checkins';
import { flush, queuedFor, subscribe } from './drafts';
import { t } from './i18n';
import { Companion } from './pages/Companion';
import { Conversation } from './pages/Conversation';
import { Editor } from './pages/Editor';
import { ExerciseRunner } from './pages/ExerciseRunner';
import { Exercises } from './pages/Exercises';
import { Help } from './pages/Help';
import { Insights } from './pages/Insights';
import { JournalList } from './pages/JournalList';
import { Mood } from './pages/Mood';
import { NotFound } from './pages/NotFound';
import { Questionnaire } from './pages/Questionnaire';
import { Questionnaires } from './pages/Questionnaires';
import { SafetyPlan } from './pages/SafetyPlan';
import { Screener } from './pages/Screener';
import { Settings } from './pages/Settings';
import { SignIn } from './pages/SignIn';
import { SignUp } from './pages/SignUp';
import { Start } from './pages/Start';
import { Today } from './pages/Today';
import { Welcome } from './pages/Welcome';
import { usePendingCode, type PendingCode } from './recovery';
import { navigate, useRoute, wasReplace } from './router';
import { homeFor, isStaff, isStaffPath, setupPage, StaffNav, staffPage } from './clinician/routes';
import { useUser } from './session';
import { useMedia } from './useMedia';
import { HomeworkPage } from './sharing/HomeworkPage';
import { SharingPage } from './sharing/SharingPage';
import type { User } from './types';

const PRIVATE = /^\/(today|journal|mood|insights|questionnaires|settings|safety-plan|screener|companion|sharing|homework)(\/|$)/;

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

function usePendingCount(userId: string | null): { drafts: number; checkins: number } {
  const count = () => ({ drafts: userId ? queuedFor(userId).length : 0, checkins: userId ? queuedCheckins(userId).length : 0 });
  const [n, setN] = useState(count);
  useEffect(() => {
    setN(count());
    const a = subscribe(() => setN(count()));
    const b = subscribeCheckins(() => setN(count()));
    return () => {
      a();
      b();
    };
  }, [userId]);
  return n;
}

function privatePage(path: string, user: User, draftId: string | null) {
  if (path === '/today') return <Today user={user} />;
  if (path === '/journal') return <JournalList user={user} />;
  if (path === '/journal/new') return <Editor key="editor" user={user} id={null} draftId={draftId} />;
  const m = /^\/journal\/([^/]+)$/.exec(path);
  if (m) return <Editor key="editor" user={user} id={decodeURIComponent(m[1])} draftId={null} />;
  if (path === '/mood') return <Mood user={user} />;
  if (path === '/insights') return <Insights />;
  if (path === '/questionnaires') return <Questionnaires />;
  const q = /^\/questionnaires\/([^/]+)$/.exec(path);
  if (q) return <Questionnaire key={q[1]} id={decodeURIComponent(q[1])} />;
  if (path === '/settings') return <Settings user={user} />;
  if (path === '/safety-plan') return <SafetyPlan user={user} />;
  if (path === '/screener') return <Screener />;
  if (path === '/companion') return <Companion />;
  if (path === '/sharing') return <SharingPage user={user} />;
  if (path === '/homework') return <HomeworkPage />;
  const c = /^\/companion\/([^/]+)$/.exec(path);
  if (c) return <Conversation key={c[1]} id={decodeURIComponent(c[1])} user={user} />;
  return <NotFound />;
}

function page(path: string, user: User | null, draftId: string | null, search: string, code: PendingCode | null) {
  if (path === '/help') return <Help />;
  // A recovery code not yet confirmed as saved: back to it from anywhere (but Help and
  // Settings, which shows a code it made itself).
  if (user && code) {
    if (path === '/start') return <Start />;
    if (path !== '/settings' || code.kind !== 'renewed') return <Redirect to="/start" />;
  }
  // Exercises are open to everyone (suggestions, feedback and saving need a session).
  if (path === '/exercises') return <Exercises user={user} />;
  const x = /^\/exercises\/([^/]+)$/.exec(path);
  if (x) return <ExerciseRunner key={x[1]} id={decodeURIComponent(x[1])} user={user} />;
  // The clinician and clinic-admin area (web/src/clinician); staff have no client pages.
  if (isStaffPath(path)) return staffPage(path, user ?? null, search);
  if (PRIVATE.test(path)) {
    if (user && isStaff(user)) return <Redirect to={homeFor(user)} />;
    return user ? privatePage(path, user, draftId) : <Redirect to={`/signin?next=${encodeURIComponent(path + search)}`} />;
  }
  if (path === '/' || path === '/signin' || path === '/setup' || path === '/signup' || path === '/start') {
    if (user) return <Redirect to={homeFor(user)} />;
    if (path === '/') return <Welcome />;
    if (path === '/signin') return <SignIn />;
    if (path === '/setup') return setupPage();
    if (path === '/signup') return <SignUp />;
    return <Start />;
  }
  return <NotFound />;
}

const NAV: [string, 'nav.today' | 'nav.journal' | 'nav.mood' | 'nav.companion' | 'nav.exercises' | 'nav.insights' | 'nav.settings'][] = [
  ['/today', 'nav.today'],
  ['/journal', 'nav.journal'],
  ['/mood', 'nav.mood'],
  ['/companion', 'nav.companion'],
  ['/exercises', 'nav.exercises'],
  ['/insights', 'nav.insights'],
  ['/settings', 'nav.settings'],
];

export function App() {
  const route = useRoute();
  const user = useUser();
  const online = useOnline();
  const pending = usePendingCount(user?.id ?? null);
  const code = usePendingCode(user?.id);
  const first = useRef(true);
  // On a phone both crisis-bar links fit on one line only with the shorter plan label.
  const narrow = useMedia('(max-width: 419px)');

  // On a new page (not the first, not a replace), move focus to its heading.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (wasReplace()) return;
    requestAnimationFrame(() => (document.querySelector('main h1') as HTMLElement | null)?.focus());
  }, [route.path]);

  // Send waiting drafts whenever someone is signed in (app open, sign-in).
  useEffect(() => {
    if (user) {
      void flush(user.id);
      void flushCheckins(user.id);
    }
  }, [user?.id]);

  const path = route.path;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <aside class="crisis-bar" aria-label={t('nav.crisisLabel')}>
        <div class="crisis-links">
          <Link href="/help" class="crisis-link" aria-current={path === '/help' ? 'page' : undefined}>
            {t('nav.help')}
          </Link>
          {user && !code && !isStaff(user) && (
            <Link href="/safety-plan" class="plan-link" aria-current={path === '/safety-plan' ? 'page' : undefined}>
              {narrow ? t('safety.nav.planShort') : t('safety.nav.plan')}
            </Link>
          )}
        </div>
      </aside>
      <header class="site-header">
        <div class="bar">
          <Link href={user ? homeFor(user) : '/'} class="brand" aria-label={t('nav.home')}>
            <img src="/icon.svg" alt="" width={28} height={28} />
            <span>{t('app.name')}</span>
          </Link>
        </div>
        {user && isStaff(user) && <StaffNav path={path} user={user} />}
        {user && !code && !isStaff(user) && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {NAV.map(([href, key]) => {
                const current = path === href || path.startsWith(`${href}/`);
                return (
                  <li key={href}>
                    <Link href={href} aria-current={current ? 'page' : undefined}>
                      {t(key)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <div class="banners" role="status" aria-live="polite">
          {!online && <p class="banner offline">{t('app.offline')}</p>}
          {pending.drafts > 0 && path !== '/journal' && <p class="banner pending">{t('app.pendingDrafts', { count: pending.drafts })}</p>}
          {pending.checkins > 0 && <p class="banner pending">{t('app.pendingCheckins', { count: pending.checkins })}</p>}
        </div>
        {user === undefined && path !== '/help' ? <p>{t('app.loading')}</p> : page(path, user ?? null, route.query.get('draft'), location.search, code)}
      </main>
      <footer class="site-footer">
        <p>
          {t('app.notService')} <Link href="/help">{t('nav.help')}</Link>
        </p>
      </footer>
    </>
  );
}
