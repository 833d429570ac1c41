// Debounced "keep it on the device" saving for text being typed: runs the latest save
// 400 ms after typing stops, and at once when the page is left or the form unmounts,
// so the last keystrokes are never dropped.
import { useEffect, useRef } from 'preact/hooks';

export function useDraftSaver(): (save: () => void) => void {
  const pending = useRef<(() => void) | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const run = () => {
    window.clearTimeout(timer.current);
    const fn = pending.current;
    pending.current = null;
    fn?.();
  };
  useEffect(() => {
    window.addEventListener('pagehide', run);
    return () => {
      window.removeEventListener('pagehide', run);
      run();
    };
  }, []);
  return (save: () => void) => {
    pending.current = save;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(run, 400);
  };
}

