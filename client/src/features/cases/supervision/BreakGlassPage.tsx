import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { Notice } from '../../../ui/Notice';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { TextField } from '../../../ui/TextField';
import {
  BREAK_GLASS_MINUTES,
  JUSTIFICATION_MAX,
  JUSTIFICATION_MIN,
  useBreakGlass,
} from './useBreakGlass';
import '../../reviews/reviews.css';

const FIELD_ID = 'break-glass-justification';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Break-glass: a caseworker or supervisor opens a case of another team in an
 * emergency, for 60 minutes, read-only but for notes, with a written
 * justification and a step-up; the case's team supervisor reviews it. The
 * page knows only the case's id (from the address): it shows nothing of it.
 */
export function BreakGlassPage() {
  const { t } = useTranslation('reviews');
  const { caseId = '' } = useParams();
  const navigate = useNavigate();
  const breakGlass = useBreakGlass(caseId);
  const [justification, setJustification] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const toCase = () => void navigate(`/cases/${caseId}`, { replace: true });

  const validate = (text: string) => {
    const length = text.trim().length;
    if (length === 0) return t('breakGlass.errors.required');
    if (length < JUSTIFICATION_MIN) return t('breakGlass.errors.short', { min: JUSTIFICATION_MIN });
    if (text.length > JUSTIFICATION_MAX)
      return t('breakGlass.errors.long', { max: JUSTIFICATION_MAX });
    return undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const error = validate(justification);
    setFieldError(error);
    if (error) return;
    breakGlass.mutate(justification.trim(), {
      onSuccess: toCase,
      onError: (problem) => {
        // The person may already open it (their team's, or a grant still running).
        if (isProblem(problem, 'already_accessible')) toCase();
        else if (isProblem(problem) && problem.errors.length > 0) {
          setFieldError(t('breakGlass.errors.short', { min: JUSTIFICATION_MIN }));
        }
      },
    });
  };

  if (!UUID.test(caseId)) {
    return (
      <>
        <PageHeader title={t('breakGlass.title')} />
        <Notice tone="error">
          <p>{t('breakGlass.errors.notFound')}</p>
        </Notice>
      </>
    );
  }
  const problem = isProblem(breakGlass.error) && breakGlass.error.errors.length === 0;
  return (
    <>
      <PageHeader title={t('breakGlass.title')} />
      <div className="break-glass stack">
        <Notice tone="warning">
          <p>
            <strong>{t('breakGlass.when')}</strong>
          </p>
          <ul>
            <li>{t('breakGlass.rules.window', { minutes: BREAK_GLASS_MINUTES })}</li>
            <li>{t('breakGlass.rules.readOnly')}</li>
            <li>{t('breakGlass.rules.audited')}</li>
            <li>{t('breakGlass.rules.stepUp')}</li>
          </ul>
        </Notice>
        <form className="stack" onSubmit={submit} noValidate>
          <ErrorSummary items={fieldError ? [{ fieldId: FIELD_ID, message: fieldError }] : []} />
          {problem && (
            <ProblemMessage
              error={breakGlass.error}
              messages={{
                not_found: t('breakGlass.errors.notFound'),
                step_up_required: t('breakGlass.errors.stepUp'),
                forbidden: t('breakGlass.errors.forbidden'),
              }}
            />
          )}
          <TextField
            id={FIELD_ID}
            label={t('breakGlass.justification')}
            description={t('breakGlass.justificationHelp', {
              min: JUSTIFICATION_MIN,
              count: justification.trim().length,
            })}
            multiline
            rows={6}
            isRequired
            maxLength={JUSTIFICATION_MAX}
            value={justification}
            onChange={(value) => {
              setJustification(value);
              if (fieldError) setFieldError(validate(value));
            }}
            error={fieldError}
          />
          <div className="actions">
            <Button type="submit" variant="danger" isDisabled={breakGlass.isPending}>
              {breakGlass.isPending
                ? t('breakGlass.opening')
                : t('breakGlass.submit', { minutes: BREAK_GLASS_MINUTES })}
            </Button>
            <Link to="/">{t('breakGlass.cancel')}</Link>
          </div>
        </form>
      </div>
    </>
  );
}
