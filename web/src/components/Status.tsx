// Live regions: <Status> for polite progress ("Saved."), <ErrorText> for errors that
// must be announced at once. Both stay in the DOM so screen readers notice changes.
import type { ComponentChildren } from 'preact';

export function Status({ children, id, class: cls }: { children?: ComponentChildren; id?: string; class?: string }) {
  return (
    <p class={`status ${cls ?? ''}`} role="status" aria-live="polite" id={id}>
      {children}
    </p>
  );
}

export function ErrorText({ children, id }: { children?: ComponentChildren; id?: string }) {
  return (
    <p class={children ? 'error-text' : 'error-text empty'} role="alert" id={id}>
      {children}
    </p>
  );
}
