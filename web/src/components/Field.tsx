// Labelled form controls with hint and error text wired up through aria-describedby
// and aria-invalid. `error` is the message for this field, if any (announced as it appears).
import type { JSX } from 'preact';

interface Common {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
}

function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Extras({ id, hint, error }: Omit<Common, 'label'>) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function TextField({ id, label, hint, error, ...input }: Common & JSX.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextArea({ id, label, hint, error, ...area }: Common & JSX.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)} {...area} />
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({ id, label, hint, error, children, ...sel }: Common & JSX.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)} {...sel}>
        {children}
      </select>
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}
