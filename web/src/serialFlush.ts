// One outbox flush at a time: the device's queues (entry drafts, check-ins) are sent in
// order, and a flush asked for while one runs (say, the `online` event) runs once more
// after it instead of racing it.

/** Wraps `sendAll` so that calls never overlap; a call during a run schedules one more run. */
export function serialFlush(sendAll: (userId: string) => Promise<void>): (userId: string) => Promise<void> {
  let flushing = false;
  let again = false;
  return async (userId: string) => {
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    try {
      do {
        again = false;
        await sendAll(userId);
      } while (again);
    } finally {
      flushing = false;
    }
  };
}
