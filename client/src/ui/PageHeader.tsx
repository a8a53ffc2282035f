import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's one h1, and the document title. Titles name the screen only —
 * never a person (a title ends up in history, bookmarks and screen captures).
 */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  const { t } = useTranslation('app');
  useEffect(() => {
    document.title = `${title} · ${t('name')}`;
  }, [title, t]);
  return (
    <div className="page-header">
      <h1 className="page-header__title" tabIndex={-1} id="page-title">
        {title}
      </h1>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}
