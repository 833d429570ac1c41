// Homework for this client: the assignments with their due date and done state (and the
// client's note when done), and a form to assign an exercise from the library, a
// questionnaire, a reflection prompt or a custom task with a due date. Needs the client
// to share "goals and homework"; otherwise says it is not shared.
import { useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api';
import { addDays, localDate } from '../care/dates';
import { shortName, useInstruments } from '../care/instruments';
import { SelectField, TextArea, TextField } from '../components/Field';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime, formatLongDate } from '../format';
import { t, type MessageKey } from '../i18n';
import type { Exercise } from '../types';
import { clinicianApi } from './api';
import { LoadNote, useLoad, useScrollToHash } from './shared';
import { ASSIGNMENT_KINDS, type Assignment, type AssignmentBody, type AssignmentKind, type ClientHeader } from './types';

type Errors = Partial<Record<'ref' | 'title' | 'instructions' | 'due' | 'form', string>>;

function assignmentTitle(a: Assignment, exercises: Exercise[]): string {
  if (a.title) return a.title;
  if (a.kind === 'exercise') return exercises.find((e) => e.id === a.ref)?.title ?? a.ref ?? '';
  if (a.kind === 'questionnaire') return a.ref ? shortName(a.ref) : '';
  return a.instructions ?? '';
}

/** The dueDate for a YYYY-MM-DD due date, shown as a long date (noon, so no zone shifts the day). */
const dueText = (due: string) => formatLongDate(/^\d{4}-\d{2}-\d{2}$/.test(due) ? `${due}T12:00:00` : due);

export function HomeworkView({ client }: { client: ClientHeader }) {
  const [load, reload] = useLoad(() => clinicianApi.assignments(client.id), [client.id]);
  const [exercises] = useLoad(() => api.exercises().then((r) => r.items), []);
  const [instruments] = useInstruments();
  const [kind, setKind] = useState<AssignmentKind>('exercise');
  const [ref, setRef] = useState('');
  const [title, setTitle] = useState('');
  const [instructions, setInstructions] = useState('');
  const [due, setDue] = useState(() => addDays(localDate(new Date()), 7));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const exList = exercises.state === 'ok' ? exercises.data : [];
  useScrollToHash(load.state !== 'loading');

  const submit = async (e: Event) => {
    e.preventDefault();
    setStatus(null);
    const errs: Errors = {};
    if ((kind === 'exercise' || kind === 'questionnaire') && !ref) errs.ref = t(kind === 'exercise' ? 'clinician.homework.pickExercise' : 'clinician.homework.pickInstrument');
    if (kind === 'prompt' && !instructions.trim()) errs.instructions = t('clinician.homework.promptRequired');
    if (kind === 'custom' && !title.trim()) errs.title = t('clinician.homework.titleRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) errs.due = t('clinician.homework.dueRequired');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body: AssignmentBody = { kind, due };
    if (kind === 'exercise' || kind === 'questionnaire') body.ref = ref;
    if (title.trim()) body.title = title.trim();
    if (instructions.trim()) body.instructions = instructions.trim();
    setBusy(true);
    try {
      const a = await clinicianApi.assign(client.id, body);
      setStatus(t('clinician.homework.assigned', { title: assignmentTitle(a, exList), due: dueText(a.due) }));
      setRef('');
      setTitle('');
      setInstructions('');
      reload();
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'ref' || field === 'title' || field === 'instructions' || field === 'due') setErrors({ [field]: errorMessage(err) });
      else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: Assignment) => {
    setStatus(null);
    try {
      await clinicianApi.unassign(client.id, a.id);
      setStatus(t('clinician.homework.removed', { title: assignmentTitle(a, exList) }));
      reload();
    } catch (err) {
      setErrors({ form: errorMessage(err) });
    }
  };

  return (
    <section aria-labelledby="hw-title" data-testid="homework">
      <h2 id="hw-title">{t('clinician.homework.title')}</h2>
      <Status>{status}</Status>
      <LoadNote load={load} category="goals" />
      {load.state === 'ok' &&
        (load.data.length === 0 ? (
          <p class="hint">{t('clinician.homework.none')}</p>
        ) : (
          <ul class="plain homework-list">
            {load.data.map((a) => {
              const name = assignmentTitle(a, exList);
              return (
                <li key={a.id} id={`hw-${a.id}`} tabIndex={-1} class={`card homework${a.done_at ? ' done' : ''}`} data-testid="assignment">
                  <h3>
                    {name} <span class="badge">{t(`clinician.homework.kind.${a.kind}` as MessageKey)}</span>
                  </h3>
                  {a.instructions && a.kind !== 'prompt' && <p>{a.instructions}</p>}
                  {a.kind === 'prompt' && a.title && a.instructions && <p>{a.instructions}</p>}
                  <p class="meta">{t('clinician.homework.due', { date: dueText(a.due) })}</p>
                  <p class={a.done_at ? 'done-state done' : 'done-state'}>
                    {a.done_at ? t('clinician.homework.doneAt', { date: formatDateTime(a.done_at) }) : t('clinician.homework.notDone')}
                  </p>
                  {a.note && <p class="quote">{a.note}</p>}
                  <button type="button" class="button small" onClick={() => remove(a)} aria-label={t('clinician.homework.removeLabel', { title: name })}>
                    {t('clinician.homework.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
        ))}
      {load.state !== 'not_shared' && load.state !== 'not_linked' && (
        <form class="card stack narrow" onSubmit={submit} noValidate data-testid="assign-form">
          <h3>{t('clinician.homework.assignTitle')}</h3>
          <SelectField id="hw-kind" label={t('clinician.homework.kind')} value={kind} onChange={(e) => {
            setKind((e.target as HTMLSelectElement).value as AssignmentKind);
            setRef('');
            setErrors({});
          }}>
            {ASSIGNMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`clinician.homework.kind.${k}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          {kind === 'exercise' && (
            <SelectField id="hw-ref" label={t('clinician.homework.exercise')} value={ref} onChange={(e) => setRef((e.target as HTMLSelectElement).value)} error={errors.ref}>
              <option value="">{exercises.state === 'loading' ? t('app.loading') : t('clinician.homework.choose')}</option>
              {exList.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </SelectField>
          )}
          {kind === 'questionnaire' && (
            <SelectField id="hw-ref" label={t('clinician.homework.instrument')} value={ref} onChange={(e) => setRef((e.target as HTMLSelectElement).value)} error={errors.ref}>
              <option value="">{instruments ? t('clinician.homework.choose') : t('app.loading')}</option>
              {(instruments ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </SelectField>
          )}
          <TextField
            id="hw-title-field"
            label={kind === 'custom' ? t('clinician.homework.titleLabel') : t('clinician.homework.titleOptional')}
            value={title}
            maxLength={200}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
            error={errors.title}
          />
          <TextArea
            id="hw-instructions"
            label={kind === 'prompt' ? t('clinician.homework.prompt') : t('clinician.homework.instructions')}
            value={instructions}
            rows={3}
            maxLength={2000}
            onInput={(e) => setInstructions((e.target as HTMLTextAreaElement).value)}
            error={errors.instructions}
          />
          <TextField id="hw-due" label={t('clinician.homework.dueLabel')} type="date" value={due} onInput={(e) => setDue((e.target as HTMLInputElement).value)} error={errors.due} />
          <ErrorText>{errors.form}</ErrorText>
          <button type="submit" class="button primary" disabled={busy}>
            {t('clinician.homework.assign')}
          </button>
        </form>
      )}
    </section>
  );
}
