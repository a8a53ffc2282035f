import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isProblem } from '../../../api/problem';
import { queryKeys } from '../../../api/query-keys';
import { Button } from '../../../ui/Button';
import { ComboBox } from '../../../ui/ComboBox';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useTranslateFieldError } from '../../../ui/form/useTranslateFieldError';
import { useDirectory } from '../../directory/useDirectory';
import type { CaseDetail } from '../useCase';
import { useAssignCase } from './useSupervision';

/**
 * Assign or reassign the case to a caseworker. The case moves to that
 * caseworker's team: chosen from another team, it leaves the supervisor's
 * reach, so the screen says so before and goes to My work after.
 */
export function AssignCase({ kase, myTeam }: { kase: CaseDetail; myTeam: string }) {
  const { t } = useTranslation('reviews');
  const translateFieldError = useTranslateFieldError();
  const directory = useDirectory();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const assign = useAssignCase(kase.id);
  const [choice, setChoice] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<string>();

  const chosen = directory.assignable.find((person) => person.id === choice);
  const options = directory.assignable
    .filter((person) => person.id !== kase.assignedTo)
    .map((person) => ({
      id: person.id,
      label: t('assign.option', {
        name: person.displayName,
        team: directory.teamName(person.teamId) ?? '',
      }),
    }));
  const leavesTeam = chosen !== undefined && chosen.teamId !== myTeam;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setMissing(true);
      return;
    }
    setDone(undefined);
    assign.mutate(chosen.id, {
      onSuccess: () => {
        setChoice(null);
        if (chosen.teamId !== myTeam) {
          // Out of this supervisor's reach from now on: nothing of it stays in memory.
          void navigate('/', { state: { notice: 'case_moved' } });
          queryClient.removeQueries({ queryKey: queryKeys.cases.detail(kase.id) });
        } else setDone(chosen.displayName);
      },
    });
  };

  const fieldError = isProblem(assign.error)
    ? assign.error.fieldErrors().get('assignedTo')
    : undefined;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h3>{t(kase.assignedTo ? 'assign.titleReassign' : 'assign.title')}</h3>
      <p>
        {kase.assignedTo
          ? t('assign.current', {
              name: directory.staffName(kase.assignedTo) ?? t('assign.unknownPerson'),
              team: directory.teamName(kase.teamId) ?? '',
            })
          : t('assign.unassigned', { team: directory.teamName(kase.teamId) ?? '' })}
      </p>
      {done && (
        <Notice tone="success" live>
          <p>{t('assign.done', { name: done })}</p>
        </Notice>
      )}
      <ComboBox
        label={t('assign.to')}
        options={options}
        value={choice}
        onChange={(value) => {
          setChoice(value);
          setMissing(false);
        }}
        description={t('assign.help')}
        error={
          missing
            ? t('assign.choose')
            : fieldError
              ? translateFieldError(`fieldErrors.${fieldError.code}`)
              : undefined
        }
        isRequired
        isDisabled={assign.isPending}
      />
      {leavesTeam && (
        <Notice tone="warning">
          <p>{t('assign.leavesTeam', { team: directory.teamName(chosen.teamId) ?? '' })}</p>
        </Notice>
      )}
      {assign.error && !fieldError && <ProblemMessage error={assign.error} />}
      <div className="actions">
        <Button type="submit" variant="primary" isDisabled={assign.isPending}>
          {assign.isPending ? t('assign.saving') : t('assign.submit')}
        </Button>
      </div>
    </form>
  );
}
