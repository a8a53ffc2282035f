/** A session ends after this long without a request (measured from the last extension). */
export const SESSION_IDLE_MS = 15 * 60 * 1000;
/** …and this long after it started, whatever the activity. */
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;
/** The idle limit is extended at most this often: not a write on every request. */
export const SESSION_EXTEND_EVERY_MS = 60 * 1000;
