// The clinician and clinic-admin area of the app: who counts as staff, where each role
// lands after sign-in, the staff navigation, and the entry points app.tsx calls for
// /clinician/... and /admin/... paths and for the public /setup page. The pages themselves
// load on demand (a separate chunk), so a client's first load carries none of them. A
// client opening these paths sees "page not found"; a signed-out person is sent to sign-in
// and brought back.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../components/Link';
import { t, type MessageKey } from '../i18n';
import { NotFound } from '../pages/NotFound';
import { navigate } from '../router';
import type { User } from '../types';

export type StaffRole = 'clinician' | 'admin';

export function isStaff(u: User | null | undefined): boolean {
  return u?.role === 'clinician' || u?.role === 'admin';
}

/** Where a person lands after sign-in (and from "/"): caseload, the admin page, or Today. */
export function homeFor(u: User): string {
  if (u.role === 'clinician') return '/clinician';
  if (u.role === 'admin') return '/admin';
  return '/today';
}

/** True for the paths this area answers. */
export function isStaffPath(path: string): boolean {
  return /^\/(clinician|admin)(\/|$)/.test(path);
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

type PagesModule = typeof import('./pages');
let loaded: PagesModule | null = null;
let loading: Promise<PagesModule> | null = null;
function loadPages(): Promise<PagesModule> {
  if (!loading) {
    loading = import('./pages').then(
      (m) => (loaded = m),
      (e) => {
        loading = null;
        throw e;
      },
    );
  }
  return loading;
}

/** Renders `render(pages)` once the on-demand chunk is loaded. */
function OnDemand({ render }: { render: (mod: PagesModule) => JSX.Element }) {
  const [mod, setMod] = useState<PagesModule | null>(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (mod) return;
    loadPages().then(setMod, () => setFailed(true));
  }, []);
  if (failed) return <p role="alert">{t('error.network')}</p>;
  if (!mod) return <p>{t('app.loading')}</p>;
  return render(mod);
}

function StaffPages({ path, user, query }: { path: string; user: User; query: URLSearchParams }) {
  return <OnDemand render={(mod) => <mod.StaffRouter path={path} user={user} query={query} />} />;
}

/** The public /setup page (a new clinician's own set-up), from the same on-demand chunk. */
export function setupPage() {
  return <OnDemand render={(mod) => <mod.Setup />} />;
}

/** The page for a /clinician or /admin path, for whoever is signed in (null: nobody). */
export function staffPage(path: string, user: User | null, search: string) {
  if (!user) return <Redirect to={`/signin?next=${encodeURIComponent(path + search)}`} />;
  const area: StaffRole = path.startsWith('/admin') ? 'admin' : 'clinician';
  if (user.role !== area) return <NotFound />;
  return <StaffPages path={path} user={user} query={new URLSearchParams(search)} />;
}

const CLINICIAN_NAV: [string, MessageKey][] = [
  ['/clinician', 'clinician.nav.caseload'],
  ['/clinician/alerts', 'clinician.nav.alerts'],
  ['/clinician/invite', 'clinician.nav.invite'],
  ['/clinician/settings', 'clinician.nav.settings'],
];
const ADMIN_NAV: [string, MessageKey][] = [
  ['/admin', 'clinician.nav.clinicians'],
  ['/admin/settings', 'clinician.nav.settings'],
];

function isCurrent(path: string, href: string): boolean {
  if (href === '/clinician') return path === '/clinician' || path.startsWith('/clinician/clients');
  if (href === '/admin') return path === '/admin';
  return path === href || path.startsWith(`${href}/`);
}

/** The staff navigation (never the client's journal and mood links). */
export function StaffNav({ path, user }: { path: string; user: User }) {
  const items = user.role === 'admin' ? ADMIN_NAV : CLINICIAN_NAV;
  return (
    <nav aria-label={t('nav.label')}>
      <ul>
        {items.map(([href, key]) => (
          <li key={href}>
            <Link href={href} aria-current={isCurrent(path, href) ? 'page' : undefined}>
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
