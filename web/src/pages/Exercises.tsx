// Exercises (/exercises): suggestions for this moment with the reasons they were chosen
// (signed in), then the whole library, filterable by kind and by a word.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { SelectField, TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { loadExercises } from '../exercises';
import { t, type MessageKey } from '../i18n';
import { EXERCISE_KINDS, type Exercise, type ExerciseKind, type ExerciseSuggestion, type User } from '../types';

function Suggestions() {
  const [items, setItems] = useState<ExerciseSuggestion[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.exerciseSuggestions().then(
      (r) => setItems(r.items ?? []),
      () => {
        setItems([]);
        setFailed(true);
      },
    );
  }, []);
  return (
    <section class="card" aria-labelledby="ex-suggested" data-testid="suggestions" aria-busy={items === null ? 'true' : undefined}>
      <h2 id="ex-suggested">{t('exercises.suggestedTitle')}</h2>
      {items === null ? (
        <p>{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p>{failed ? t('exercises.suggestedFailed') : t('exercises.suggestedNone')}</p>
      ) : (
        <>
          <p class="hint">{t('exercises.suggestedIntro')}</p>
          <ul class="exercise-list">
            {items.map((s) => (
              <li key={s.id} class="exercise-item" data-testid="suggestion">
                <h3>
                  <Link href={`/exercises/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                </h3>
                <p class="meta">
                  {t(`exercises.kind.${s.kind}` as MessageKey)} · {t('exercises.minutes', { count: s.minutes })}
                </p>
                {s.reasons.length > 0 && (
                  <ul class="reasons">
                    {s.reasons.map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function Exercises({ user }: { user: User | null }) {
  const [all, setAll] = useState<Exercise[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<'' | ExerciseKind>('');
  const [query, setQuery] = useState('');

  const load = () => {
    setError(null);
    loadExercises().then(setAll, (e) => setError(errorMessage(e)));
  };
  useEffect(load, []);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return (all ?? []).filter(
      (e) =>
        (!kind || e.kind === kind) &&
        (!q || [e.title, e.summary, e.source, ...e.emotions, ...e.themes].some((s) => s?.toLocaleLowerCase().includes(q))),
    );
  }, [all, kind, query]);

  return (
    <Page title={t('exercises.title')}>
      <p class="lead">{t('exercises.intro')}</p>
      {user ? (
        <Suggestions />
      ) : (
        <p class="notice">
          {t('exercises.signedOut')} <Link href="/signin?next=%2Fexercises">{t('exercises.signIn')}</Link>
        </p>
      )}
      <section class="card" aria-labelledby="ex-library">
        <h2 id="ex-library">{t('exercises.libraryTitle')}</h2>
        <div class="filters">
          <SelectField id="ex-kind" label={t('exercises.filterKind')} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as ExerciseKind | '')}>
            <option value="">{t('exercises.filterAll')}</option>
            {EXERCISE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`exercises.kind.${k}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <TextField id="ex-search" label={t('exercises.search')} type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </div>
        <Status>{all ? (shown.length ? t('exercises.count', { count: shown.length }) : t('exercises.none')) : error ? null : t('app.loading')}</Status>
        <ErrorText>{error && t('exercises.loadFailed')}</ErrorText>
        {error && (
          <button type="button" class="button" onClick={load}>
            {t('exercises.retry')}
          </button>
        )}
        <ul class="exercise-list" data-testid="exercise-library">
          {shown.map((e) => (
            <li key={e.id} class="exercise-item" data-testid="exercise-item" data-kind={e.kind}>
              <h3>
                <Link href={`/exercises/${encodeURIComponent(e.id)}`}>{e.title}</Link>
              </h3>
              <p class="meta">
                {t(`exercises.kind.${e.kind}` as MessageKey)} · {t('exercises.minutes', { count: e.minutes })}
              </p>
              <p class="excerpt">{e.summary}</p>
            </li>
          ))}
        </ul>
      </section>
      <p class="meta exercise-help">
        {t('exercises.help')} <Link href="/help">{t('exercises.helpLink')}</Link>.
      </p>
    </Page>
  );
}
