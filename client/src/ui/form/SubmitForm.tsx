import type { ReactNode } from 'react';
import { ErrorSummary, type SummaryItem } from '../ErrorSummary';
import { Notice } from '../Notice';
import { ProblemMessage } from '../ProblemMessage';
import { explainedByFields } from './useFormErrors';

export interface SubmitFormProps {
  onSubmit: () => Promise<void> | void;
  /** The summary's items and this feature's sentences for the refusals (useFormErrors). */
  errors: { summaryItems: SummaryItem[]; problems: Record<string, string> };
  /** The refusal of the last attempt; one its field errors explain is not repeated. */
  error?: unknown;
  /** Said when an attempt changed nothing. */
  nothing?: string | false;
  children: ReactNode;
}

/**
 * A form that checks its own fields (noValidate): its error summary at the
 * top, then `before` (e.g. a newer version's warning), the refusal no field
 * explains, what an attempt that changed nothing says, the fields and the
 * actions.
 */
export function SubmitForm({
  className = 'stack',
  onSubmit,
  errors,
  error,
  nothing,
  before,
  actions,
  children,
}: SubmitFormProps & { className?: string; before?: ReactNode; actions: ReactNode }) {
  return (
    <form
      className={className}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <ErrorSummary items={errors.summaryItems} />
      {before}
      {error != null && !explainedByFields(error) && (
        <ProblemMessage error={error} messages={errors.problems} />
      )}
      {nothing && (
        <Notice tone="info" live>
          {nothing}
        </Notice>
      )}
      {children}
      <div className="actions">{actions}</div>
    </form>
  );
}
