// "Did this help?" after an exercise: Yes / No, sent as feedback (POST
// /exercises/{id}/feedback), which the recommender learns from. Takes focus when it appears,
// so keyboard and screen-reader users land on the question after finishing.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { t } from '../../i18n';
import { Link } from '../Link';
import { ErrorText, Status } from '../Status';

export function Feedback({
  exerciseId,
  signedIn,
  focus = true,
  conversationId,
}: {
  exerciseId: string;
  signedIn: boolean;
  focus?: boolean;
  /** When the exercise was offered in a companion conversation. */
  conversationId?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!focus) return;
    const f = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(f);
  }, []);

  const send = async (helped: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.exerciseFeedback(exerciseId, helped, conversationId);
      setAnswer(helped);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card exercise-feedback" aria-labelledby={`${id}-q`} data-testid="exercise-feedback">
      <h2 id={`${id}-q`} tabIndex={-1} ref={ref} class="focus-target">
        {t('exercises.feedbackTitle')}
      </h2>
      {signedIn ? (
        answer === null ? (
          <div class="actions" role="group" aria-labelledby={`${id}-q`}>
            <button type="button" class="button" onClick={() => void send(true)} disabled={busy}>
              {t('exercises.yes')}
            </button>
            <button type="button" class="button" onClick={() => void send(false)} disabled={busy}>
              {t('exercises.no')}
            </button>
          </div>
        ) : null
      ) : (
        <p>
          {t('exercises.signedOut')} <Link href="/signin">{t('exercises.signIn')}</Link>
        </p>
      )}
      <ErrorText>{error}</ErrorText>
      <Status>{busy ? t('exercises.feedbackSending') : answer === null ? null : answer ? t('exercises.thanksYes') : t('exercises.thanksNo')}</Status>
      <p>
        <Link href="/exercises">{t('exercises.more')}</Link>
      </p>
    </section>
  );
}
