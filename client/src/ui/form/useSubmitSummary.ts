import { useState } from 'react';
import type { SummaryItem } from '../ErrorSummary';

/**
 * The error summary as it was at the last attempt to save: fields still
 * clear their own messages while they are corrected, but the summary (which
 * takes the focus whenever its length changes) stays as it was until the
 * next attempt, so it never pulls the focus away from the field being typed
 * in. An attempt is a submission (`submitCount`, which the form counts once
 * its own errors are set) or the server's answer to one (`refresh`).
 */
export function useSubmitSummary(
  live: SummaryItem[],
  submitCount: number,
  /** The field's name for the person, so each line says which field it is about. */
  labelOf: (fieldId: string) => string | undefined,
) {
  const [serverRound, setServerRound] = useState(0);
  const key = `${submitCount}:${serverRound}`;
  const [snapshot, setSnapshot] = useState<{ key: string; items: SummaryItem[] }>({
    key,
    items: [],
  });
  // Derived state, updated while rendering when an attempt has happened (React's own pattern).
  const named = live.map((item) => {
    const label = item.fieldId ? labelOf(item.fieldId) : undefined;
    return label ? { ...item, message: `${label}: ${item.message}` } : item;
  });
  if (snapshot.key !== key) setSnapshot({ key, items: named });
  return {
    items: snapshot.key === key ? snapshot.items : named,
    /** Call with the server's refusal once its errors are set on the form. */
    refresh: () => setServerRound((n) => n + 1),
  };
}
