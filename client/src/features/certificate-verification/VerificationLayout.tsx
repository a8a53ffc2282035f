import { useTranslation } from 'react-i18next';
import { Link, Outlet, useRouteError } from 'react-router';
import { LanguageSwitcher } from '../../app/layout/LanguageSwitcher';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import './certificate-verification.css';

function Header() {
  const { t } = useTranslation('certificateVerification');
  return (
    <header className="site-header">
      <p className="site-header__brand">
        <span className="site-header__mark" aria-hidden="true" />
        <Link to="/verificar" className="verification-header__home">
          {t('brand')}
        </Link>
      </p>
      <div className="site-header__user">
        <LanguageSwitcher />
      </div>
    </header>
  );
}

function Footer() {
  const { t } = useTranslation('certificateVerification');
  return (
    <footer className="verification-footer">
      <p>{t('footer.about')}</p>
      <p>
        {/* A full page load: the signed-in application starts in a document of its own. */}
        <a href="/">{t('footer.staff')}</a>
      </p>
    </footer>
  );
}

/** The public page's frame: no account, no session; the language switcher. */
export function VerificationLayout() {
  const { t } = useTranslation('certificateVerification');
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Header />
      <main id="main" className="content">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

/** An address under /verificar that shows nothing. */
export function VerificationNotFound() {
  const { t } = useTranslation('certificateVerification');
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.explanation')}</p>
      <p>
        <Link to="/verificar">{t('back')}</Link>
      </p>
    </>
  );
}

export function VerificationError() {
  const { t } = useTranslation('certificateVerification');
  const error = useRouteError();
  return (
    <>
      <Header />
      <main id="main" className="content">
        <h1 id="page-title">{t('error.title')}</h1>
        <ProblemMessage error={error} />
        <p>
          <Link to="/verificar">{t('back')}</Link>
        </p>
      </main>
    </>
  );
}
