// One exercise (/exercises/{id}): what it is, its cautions before starting, then the runner
// for its kind (paced breathing, 5-4-3-2-1 grounding, the thought-record wizard, the
// activity planner, or plain steps) and "Did this help?" at the end. A helpline link is
// always at the foot: an exercise is never offered in place of crisis support.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { ActivityPlanner } from '../components/exercises/ActivityPlanner';
import { BreathingGuide } from '../components/exercises/BreathingGuide';
import { Feedback } from '../components/exercises/Feedback';
import { Grounding } from '../components/exercises/Grounding';
import { StepsList } from '../components/exercises/StepsList';
import { ThoughtRecord } from '../components/exercises/ThoughtRecord';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { loadExercises } from '../exercises';
import { t, type MessageKey } from '../i18n';
import type { Exercise, User } from '../types';

/** Cautions (shown before starting), with the exercise's evidence in a disclosure. */
export function ExerciseIntro({ exercise }: { exercise: Exercise }) {
  return (
    <>
      {exercise.cautions.length > 0 && (
        <section class="notice cautions" aria-labelledby={`cautions-${exercise.id}`} data-testid="cautions">
          <h2 id={`cautions-${exercise.id}`}>{t('exercises.cautionsTitle')}</h2>
          <ul>
            {exercise.cautions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </section>
      )}
      {(exercise.evidence || exercise.source) && (
        <details class="more">
          <summary>{t('exercises.about')}</summary>
          {exercise.source && <p>{t('exercises.source', { text: exercise.source })}</p>}
          {exercise.evidence && <p>{t('exercises.evidence', { text: exercise.evidence })}</p>}
        </details>
      )}
    </>
  );
}

/** The runner for an exercise's kind; calls onDone when the person has finished. */
export function ExerciseBody({ exercise, user, onDone, autoStart }: { exercise: Exercise; user: User | null; onDone: () => void; autoStart: boolean }) {
  switch (exercise.kind) {
    case 'breathing':
      return <BreathingGuide minutes={exercise.minutes} inhale={exercise.inhale_seconds} exhale={exercise.exhale_seconds} autoStart={autoStart} onDone={onDone} />;
    case 'grounding':
      return <Grounding onDone={onDone} />;
    case 'thought_record':
      return <ThoughtRecord user={user} onDone={onDone} />;
    case 'activity_planner':
      return user ? (
        <ActivityPlanner onDone={onDone} />
      ) : (
        <p class="notice">
          {t('exercises.signInToSave')} <Link href={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t('exercises.signIn')}</Link>
        </p>
      );
    default:
      return <StepsList steps={exercise.steps} onDone={onDone} />;
  }
}

export function ExerciseRunner({ id, user }: { id: string; user: User | null }) {
  const [exercise, setExercise] = useState<Exercise | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const [done, setDone] = useState(false);
  const body = useRef<HTMLDivElement>(null);

  const load = () => {
    setError(null);
    loadExercises().then(
      (all) => setExercise(all.find((e) => e.id === id) ?? null),
      (e) => setError(errorMessage(e)),
    );
  };
  useEffect(load, [id]);

  const start = () => {
    setStarted(true);
    // Into the exercise: its first control (breathing starts itself and focuses Pause).
    requestAnimationFrame(() => {
      const el = body.current?.querySelector<HTMLElement>('h2[tabindex], textarea, input, button');
      if (exercise?.kind !== 'breathing') el?.focus();
    });
  };

  if (exercise === null) {
    return (
      <Page title={t('exercises.title')}>
        <p>{t('exercises.notFound')}</p>
        <p>
          <Link href="/exercises">{t('exercises.back')}</Link>
        </p>
      </Page>
    );
  }
  if (exercise === undefined) {
    return (
      <Page title={t('exercises.title')}>
        <Status>{error ? null : t('app.loading')}</Status>
        <ErrorText>{error}</ErrorText>
        {error && (
          <button type="button" class="button" onClick={load}>
            {t('exercises.retry')}
          </button>
        )}
      </Page>
    );
  }

  const hideOnDone = exercise.kind === 'grounding' || exercise.kind === 'steps';
  return (
    <Page title={exercise.title}>
      <p>
        <Link href="/exercises">{t('exercises.back')}</Link>
      </p>
      <p class="lead">{exercise.summary}</p>
      <p class="meta">
        {t(`exercises.kind.${exercise.kind}` as MessageKey)} · {t('exercises.minutes', { count: exercise.minutes })}
      </p>
      <ExerciseIntro exercise={exercise} />
      <div ref={body} class="exercise-body">
        {!started ? (
          <div class="actions">
            <button type="button" class="button primary" onClick={start}>
              {t('exercises.start')}
            </button>
          </div>
        ) : (
          !(done && hideOnDone) && <ExerciseBody exercise={exercise} user={user} autoStart onDone={() => setDone(true)} />
        )}
      </div>
      {done && <Feedback exerciseId={exercise.id} signedIn={!!user} focus={exercise.kind !== 'thought_record'} />}
      <p class="meta exercise-help">
        {t('exercises.help')} <Link href="/help">{t('exercises.helpLink')}</Link>.
      </p>
    </Page>
  );
}
