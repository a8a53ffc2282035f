import { useTranslation } from 'react-i18next';
import { isProblem } from '../api/problem';
import { useProblemText } from './useProblemText';

/**
 * An API refusal in words, announced to screen readers. Unknown codes get a
 * generic sentence with the request id (to quote to support), never the server's
 * English text.
 */
export function ProblemMessage({
  error,
  messages,
}: {
  error: unknown;
  /** This screen's own sentences for some codes. */
  messages?: Record<string, string>;
}) {
  const { t } = useTranslation('ui');
  const text = useProblemText();
  if (error === null || error === undefined) return null;
  const requestId = isProblem(error) ? error.requestId : undefined;
  return (
    <div className="notice notice--error" role="alert">
      <p>{text(error, messages)}</p>
      {requestId && <p className="notice__detail">{t('problem.requestId', { requestId })}</p>}
    </div>
  );
}
