// /homework — what the clinician set: to do (due first, overdue said in words) and done.
import './sharing.css';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { Page } from '../components/Page';
import { ErrorText } from '../components/Status';
import { t } from '../i18n';
import { sharingApi } from './api';
import { AssignmentItem } from './AssignmentItem';
import { sortAssignments, titleOf, useRefNames } from './homework';
import type { Assignment } from './types';

export function HomeworkPage() {
  const [list, setList] = useState<Assignment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const names = useRefNames(list);

  const load = () => {
    setError(null);
    sharingApi.assignments().then(setList, (e) => setError(errorMessage(e)));
  };
  useEffect(load, []);

  const changed = (a: Assignment, msg: string) => {
    setList((old) => (old ?? []).map((x) => (x.id === a.id ? a : x)));
    setMessage(msg);
    requestAnimationFrame(() => document.getElementById('hw-message')?.focus());
  };

  const { open, done } = sortAssignments(list ?? []);
  return (
    <Page title={t('sharing.homeworkTitle')}>
      <p>{t('sharing.homeworkIntro')}</p>
      <p class="status focus-target" role="status" aria-live="polite" id="hw-message" tabIndex={-1}>
        {list === null && !error ? t('sharing.homeworkLoading') : message}
      </p>
      {error && (
        <div class="stack">
          <ErrorText>{error}</ErrorText>
          <div>
            <button type="button" class="button" onClick={load}>
              {t('sharing.retry')}
            </button>
          </div>
        </div>
      )}
      {list !== null && list.length === 0 && <p>{t('sharing.homeworkEmpty')}</p>}
      {list !== null && list.length > 0 && (
        <>
          <section aria-labelledby="hw-open-title">
            <h2 id="hw-open-title">{t('sharing.homeworkOpen')}</h2>
            {open.length === 0 && <p>{t('sharing.homeworkNoneOpen')}</p>}
            <ul class="assignment-list">
              {open.map((a) => (
                <AssignmentItem key={a.id} a={a} title={titleOf(a, names)} onChanged={changed} />
              ))}
            </ul>
          </section>
          {done.length > 0 && (
            <section aria-labelledby="hw-done-title">
              <h2 id="hw-done-title">{t('sharing.homeworkDone')}</h2>
              <ul class="assignment-list">
                {done.map((a) => (
                  <AssignmentItem key={a.id} a={a} title={titleOf(a, names)} onChanged={changed} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
