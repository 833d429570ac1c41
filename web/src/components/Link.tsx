// An <a> that navigates inside the app without a page load (plain clicks only; modified
// clicks, new tabs and downloads behave as the browser normally does).
import type { ComponentChildren, JSX } from 'preact';
import { navigate } from '../router';

type Props = JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

export function Link({ href, children, ...rest }: Props) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
