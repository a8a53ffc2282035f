import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import {
  PublicError,
  PublicFooter,
  PublicHeader,
  PublicLayout,
  PublicNotFound,
} from '../../app/layout/PublicLayout';
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
    <PublicHeader
      className="observatory-header"
      home={{ to: '/observatorio', label: t('brand'), className: 'observatory-header__home' }}
      nav={
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
      }
    />
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
    <PublicLayout
      skipToContent={t('skipToContent')}
      header={<Header />}
      footer={
        <PublicFooter
          className="observatory-footer"
          about={t('footer.about')}
          staff={t('footer.staff')}
        />
      }
    />
  );
}

/** An address under /observatorio that shows nothing. */
export function ObservatoryNotFound() {
  const { t } = useTranslation('observatory');
  return (
    <PublicNotFound
      title={t('notFound.title')}
      explanation={t('notFound.explanation')}
      back={{ to: '/observatorio', label: t('error.back') }}
    />
  );
}

/** A page of the observatory that failed: a sentence, and the way back. */
export function ObservatoryError() {
  const { t } = useTranslation('observatory');
  return (
    <PublicError
      header={<Header />}
      title={t('error.title')}
      back={{ to: '/observatorio', label: t('error.back') }}
    />
  );
}
