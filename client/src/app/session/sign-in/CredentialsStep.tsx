import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from '../../../ui/form/zod';
import { Button } from '../../../ui/Button';
import { FormTextField } from '../../../ui/form/fields';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useTranslateFieldError } from '../../../ui/form/useTranslateFieldError';
import { useLogin, type Step } from './useSignInStep';

const Credentials = z.object({
  email: z.string().trim().min(1, 'required').email('email'),
  password: z.string().min(1, 'required'),
});
type Credentials = z.infer<typeof Credentials>;

export function CredentialsStep({ onNext }: { onNext: (step: Step, password: string) => void }) {
  const { t } = useTranslation('app');
  const translateError = useTranslateFieldError();
  const login = useLogin();
  const { control, handleSubmit } = useForm<Credentials>({
    resolver: zodResolver(Credentials),
    defaultValues: { email: '', password: '' },
  });

  const submit = handleSubmit(async (values) => {
    const next = await login.mutateAsync(values).catch(() => undefined);
    if (next) onNext(next, values.password);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="stack" noValidate>
      <h2>{t('signIn.credentials.title')}</h2>
      {login.error && (
        <ProblemMessage
          error={login.error}
          messages={{ invalid_credentials: t('signIn.credentials.wrong') }}
        />
      )}
      <FormTextField
        control={control}
        name="email"
        translateError={translateError}
        label={t('signIn.credentials.email')}
        type="email"
        autoComplete="username"
        isRequired
        autoFocus
      />
      <FormTextField
        control={control}
        name="password"
        translateError={translateError}
        label={t('signIn.credentials.password')}
        type="password"
        autoComplete="current-password"
        isRequired
      />
      <Button type="submit" variant="primary" isDisabled={login.isPending}>
        {t('signIn.credentials.submit')}
      </Button>
    </form>
  );
}
