import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { isProblem } from '../../api/problem';

/**
 * A change of a record from the version read: only what changed is sent
 * (`toChange` says null when nothing did). When someone else saved first
 * (409 stale_version) `loadCurrent` reads their version and puts it in the
 * form (what was typed is then replaced: the person reapplies it).
 */
export function useVersionedChange<Detail, Values extends FieldValues, Change>({
  loaded,
  form,
  errors,
  update,
  refresh,
  formOf,
}: {
  loaded: Detail;
  form: UseFormReturn<Values>;
  errors: { clear: () => void; reject: (error: unknown) => void };
  update: {
    mutate: (
      change: Change,
      options: { onSuccess: (saved: Detail) => void; onError: (error: Error) => void },
    ) => void;
    reset: () => void;
    error: unknown;
  };
  refresh: () => Promise<Detail>;
  formOf: (detail: Detail) => Values;
}) {
  const [base, setBase] = useState(loaded);
  const [nothing, setNothing] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  return {
    nothing,
    reloaded,
    stale: isProblem(update.error, 'stale_version'),
    /** An attempt: the change from the version the form started from, sent unless it is none. */
    save: (toChange: (base: Detail) => Change | null, onSaved: (saved: Detail) => void) => {
      errors.clear();
      setNothing(false);
      setReloaded(false);
      const change = toChange(base);
      if (!change) {
        setNothing(true);
        return;
      }
      update.mutate(change, { onSuccess: onSaved, onError: errors.reject });
    },
    loadCurrent: async () => {
      const fresh = await refresh();
      setBase(fresh);
      form.reset(formOf(fresh));
      update.reset();
      errors.clear();
      setReloaded(true);
    },
  };
}
