// The Today page's homework card: the next few open items (due first, overdue in words)
// and a way to the homework page. Shows nothing when there is no open homework, or when
// it cannot be loaded (Today must open even without it).
import './sharing.css';
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../components/Link';
import { t } from '../i18n';
import { sharingApi } from './api';
import { dueText, isOverdue, sortAssignments, startHref, titleOf, useRefNames } from './homework';
import type { Assignment } from './types';

const SHOWN = 3;

export function HomeworkCard() {
  const [list, setList] = useState<Assignment[] | null>(null);
  useEffect(() => {
    sharingApi.assignments().then(setList, () => setList(null));
  }, []);
  const names = useRefNames(list);
  const { open } = sortAssignments(list ?? []);
  if (open.length === 0) return null;
  const overdue = open.filter((a) => isOverdue(a)).length;
  return (
    <section aria-labelledby="hw-today-title" class="card homework-card">
      <h2 id="hw-today-title">{t('sharing.todayTitle')}</h2>
      {overdue > 0 && <p class="meta">{t('sharing.todayOverdue', { count: overdue })}</p>}
      <ul class="homework-today">
        {open.slice(0, SHOWN).map((a) => {
          const title = titleOf(a, names);
          const href = startHref(a) ?? '/homework';
          return (
            <li key={a.id}>
              <Link href={href}>{title}</Link>
              <span class="meta"> — {isOverdue(a) ? <strong>{dueText(a)}</strong> : dueText(a)}</span>
            </li>
          );
        })}
      </ul>
      <p>
        <Link href="/homework">{t('sharing.todayMore', { count: open.length })}</Link>
      </p>
    </section>
  );
}
