import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useRouteError } from 'react-router';
import { LanguageSwitcher } from '../../app/layout/LanguageSwitcher';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import '../statistics/statistics.css';
import './observatory.css';

/** Focus moves to the new page's heading after a navigation inside the observatory. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [pathname]);
}

function Header() {
  const { t } = useTranslation('observatory');
  return (
    <header className="site-header observatory-header">
      <p className="site-header__brand">
        <span className="site-header__mark" aria-hidden="true" />
        <Link to="/observatorio" className="observatory-header__home">
          {t('brand')}
        </Link>
      </p>
      <nav aria-label={t('nav.label')} className="site-nav">
        <ul>
          <li>
            <NavLink to="/observatorio" end className="site-nav__link">
              {t('nav.figures')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/observatorio/metodo" className="site-nav__link">
              {t('nav.method')}
            </NavLink>
          </li>
        </ul>
      </nav>
      <div className="site-header__user">
        <LanguageSwitcher />
      </div>
    </header>
  );
}

function Footer() {
  const { t } = useTranslation('observatory');
  return (
    <footer className="observatory-footer">
      <p>{t('footer.about')}</p>
      <p>
        {/* A full page load on purpose: this document may be cached (public), the
            signed-in application must start in a document of its own (no-store). */}
        <a href="/">{t('footer.staff')}</a>
      </p>
    </footer>
  );
}

/**
 * The observatory's page frame: its own header (no account, no session), the
 * language switcher, and the page. Nothing of the signed-in application.
 */
export function ObservatoryLayout() {
  const { t } = useTranslation('observatory');
  useFocusOnNavigate();
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

/** An address under /observatorio that shows nothing. */
export function ObservatoryNotFound() {
  const { t } = useTranslation('observatory');
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.explanation')}</p>
      <p>
        <Link to="/observatorio">{t('error.back')}</Link>
      </p>
    </>
  );
}

/** A page of the observatory that failed: a sentence, and the way back. */
export function ObservatoryError() {
  const { t } = useTranslation('observatory');
  const error = useRouteError();
  return (
    <>
      <Header />
      <main id="main" className="content">
        <h1 id="page-title">{t('error.title')}</h1>
        <ProblemMessage error={error} />
        <p>
          <Link to="/observatorio">{t('error.back')}</Link>
        </p>
      </main>
    </>
  );
}
