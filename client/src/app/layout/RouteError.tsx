import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** A screen that failed to load or render: a sentence, never a stack or data. */
export function RouteError() {
  const { t } = useTranslation('app');
  const error = useRouteError();
  return (
    <main id="main" className="content">
      <h1 id="page-title">{t('routeError.title')}</h1>
      <ProblemMessage error={error} />
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </main>
  );
}
