import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';

const SECTIONS = [
  'what',
  'consent',
  'noise',
  'budget',
  'rounding',
  'errors',
  'limits',
  'open',
] as const;
const PARAGRAPHS = ['p1', 'p2'] as const;

/** "Cómo se hacen estas cifras": the method in plain language, for anyone. */
export function MethodPage() {
  const { t } = useTranslation('observatory');
  return (
    <>
      <PageHeader title={t('method.title')} />
      <p className="statistics-intro">{t('method.lead')}</p>
      {SECTIONS.map((section) => (
        <section key={section} className="panel method" aria-labelledby={`method-${section}`}>
          <h2 id={`method-${section}`}>{t(`method.${section}.title`)}</h2>
          {PARAGRAPHS.map((p) => (
            <p key={p}>{t(`method.${section}.${p}`)}</p>
          ))}
        </section>
      ))}
      <p>
        <Link to="/observatorio">{t('release.back')}</Link>
      </p>
    </>
  );
}
