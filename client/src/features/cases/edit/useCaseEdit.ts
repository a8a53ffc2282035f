import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { api, call } from '../../../api/client';
import { isProblem } from '../../../api/problem';
import { queryKeys } from '../../../api/query-keys';
import { CaseForm, fromDetail, type CaseFormValues } from '../form/case-form';
import type { CaseDetail } from '../useCase';
import { useUpdateCase } from '../useCaseMutations';
import {
  buildUpdate,
  clearedFields,
  mergeKeeping,
  staleReport,
  valueAt,
  type StaleReport,
} from './form-diff';

export type EditOutcome = 'saved' | 'nothing' | undefined;

/**
 * Editing from a version: only the changed fields are sent with that version.
 * When someone else saved first (409 stale_version) the fresh copy is read,
 * compared field by field, and the person chooses to continue from it with
 * their own changes kept; where both changed a field, the other's value is
 * loaded and theirs stays on screen to take back.
 */
export function useCaseEdit(loaded: CaseDetail) {
  const queryClient = useQueryClient();
  const update = useUpdateCase(loaded.id);
  const [base, setBase] = useState(loaded);
  const [stale, setStale] = useState<(StaleReport & { fresh: CaseDetail }) | undefined>();
  const [reloaded, setReloaded] = useState<StaleReport | undefined>();
  const [needsAgeApproval, setNeedsAgeApproval] = useState(false);
  const form = useForm<CaseFormValues>({
    resolver: zodResolver(CaseForm),
    defaultValues: fromDetail(loaded),
    shouldFocusError: false,
  });

  const readFresh = async () => {
    const fresh = await call(
      api.GET('/api/v1/cases/{id}', { params: { path: { id: loaded.id } } }),
    );
    queryClient.setQueryData(queryKeys.cases.detail(loaded.id), fresh);
    return fresh;
  };

  const save = async (values: CaseFormValues): Promise<EditOutcome> => {
    const baseValues = fromDetail(base);
    const cleared = clearedFields(baseValues, values);
    for (const path of cleared) {
      form.setError(path as FieldPath<CaseFormValues>, { type: 'client', message: 'cannot_clear' });
    }
    if (cleared.length > 0) return undefined;
    const body = buildUpdate(base.version, baseValues, values);
    if (!body) return 'nothing';
    setNeedsAgeApproval(false);
    try {
      const result = await update.mutateAsync(body);
      setBase(result.case);
      setStale(undefined);
      setReloaded(undefined);
      form.reset(fromDetail(result.case));
      return 'saved';
    } catch (error) {
      if (isProblem(error, 'stale_version')) {
        const fresh = await readFresh();
        setStale({ ...staleReport(baseValues, fromDetail(fresh), values), fresh });
      }
      if (isProblem(error, 'age_correction_needs_approval')) setNeedsAgeApproval(true);
      throw error;
    }
  };

  /** Continue from the server's version, keeping what the person typed where it did not conflict. */
  const reloadKeeping = () => {
    if (!stale) return;
    const merged = mergeKeeping(fromDetail(base), fromDetail(stale.fresh), stale.mine);
    setBase(stale.fresh);
    form.reset(merged);
    setReloaded(stale);
    setStale(undefined);
    update.reset();
  };

  /** Takes back the person's own value of a field both changed. */
  const takeMine = (path: string) => {
    if (!reloaded) return;
    form.setValue(path as FieldPath<CaseFormValues>, valueAt(reloaded.mine, path) as never, {
      shouldDirty: true,
    });
  };

  /** Puts the stored age back, to save the rest while an age correction is requested. */
  const keepStoredAge = () => {
    form.setValue(
      'attributes.ageAtIdentification',
      fromDetail(base).attributes.ageAtIdentification,
    );
    setNeedsAgeApproval(false);
    update.reset();
  };

  return {
    form,
    base,
    update,
    stale,
    reloaded,
    needsAgeApproval,
    save,
    reloadKeeping,
    takeMine,
    keepStoredAge,
  };
}
