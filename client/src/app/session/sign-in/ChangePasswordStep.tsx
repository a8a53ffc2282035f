import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from '../../../ui/form/zod';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { FormTextField } from '../../../ui/form/fields';
import { applyServerFieldErrors } from '../../../ui/form/server-errors';
import { useTranslateFieldError } from '../../../ui/form/useTranslateFieldError';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useChangePassword, type Step } from './useSignInStep';

/** The server's rules (security/passwords): checked there, explained here. */
export const PASSWORD_MIN_LENGTH = 12;

const NewPassword = z
  .object({
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, 'too_short'),
    confirmation: z.string().min(1, 'required'),
  })
  .refine((values) => values.newPassword === values.confirmation, {
    message: 'mismatch',
    path: ['confirmation'],
  });
type NewPassword = z.infer<typeof NewPassword>;

/**
 * The forced change on first sign-in (or after a reset): the initial password
 * was typed in the previous step, so only the new one is asked for here.
 */
export function ChangePasswordStep({
  currentPassword,
  onNext,
}: {
  currentPassword: string;
  onNext: (step: Step) => void;
}) {
  const { t } = useTranslation('app');
  const translateError = useTranslateFieldError();
  const change = useChangePassword();
  const { control, handleSubmit, setError } = useForm<NewPassword>({
    resolver: zodResolver(NewPassword),
    defaultValues: { newPassword: '', confirmation: '' },
  });

  const submit = handleSubmit(async (values) => {
    try {
      onNext(await change.mutateAsync({ currentPassword, newPassword: values.newPassword }));
    } catch (error) {
      applyServerFieldErrors(error, ['newPassword'], setError);
    }
  });

  const fieldError = isProblem(change.error) && change.error.errors.length > 0;
  return (
    <form onSubmit={(event) => void submit(event)} className="stack" noValidate>
      <h2>{t('signIn.password.title')}</h2>
      <p>{t('signIn.password.why')}</p>
      <ul className="rules" id="password-rules">
        <li>{t('signIn.password.ruleLength', { min: PASSWORD_MIN_LENGTH })}</li>
        <li>{t('signIn.password.ruleGuess')}</li>
        <li>{t('signIn.password.ruleHint')}</li>
      </ul>
      {change.error && !fieldError && <ProblemMessage error={change.error} />}
      <FormTextField
        control={control}
        name="newPassword"
        translateError={translateError}
        label={t('signIn.password.new')}
        type="password"
        autoComplete="new-password"
        isRequired
        autoFocus
        aria-describedby="password-rules"
      />
      <FormTextField
        control={control}
        name="confirmation"
        translateError={translateError}
        label={t('signIn.password.confirm')}
        type="password"
        autoComplete="new-password"
        isRequired
      />
      <Button type="submit" variant="primary" isDisabled={change.isPending}>
        {t('signIn.password.submit')}
      </Button>
    </form>
  );
}
