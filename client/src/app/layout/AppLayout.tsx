import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { Button } from '../../ui/Button';
import { endServerSession, forgetSession, signInPath } from '../session/session-end';
import { SessionBridge } from '../session/SessionBridge';
import { useSignedInUser, type Role } from '../session/useMe';
import { useVocabulary } from '../../vocab/useVocabulary';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { LanguageSwitcher } from './LanguageSwitcher';

interface NavItem {
  to: string;
  label: `nav.${
    | 'work'
    | 'cases'
    | 'referrals'
    | 'reviews'
    | 'inbox'
    | 'institutions'
    | 'teams'
    | 'users'
    | 'auditLog'
    | 'accessReports'
    | 'notifications'
    | 'statistics'
    | 'campaigns'
    | 'trainings'
    | 'targets'
    | 'managementReports'}`;
  roles: readonly Role[];
}

const CASE_WORK: readonly Role[] = ['caseworker', 'supervisor'];
const NAV: readonly NavItem[] = [
  { to: '/', label: 'nav.work', roles: CASE_WORK },
  { to: '/cases', label: 'nav.cases', roles: CASE_WORK },
  { to: '/referrals', label: 'nav.referrals', roles: CASE_WORK },
  { to: '/reviews', label: 'nav.reviews', roles: ['supervisor'] },
  { to: '/inbox', label: 'nav.inbox', roles: ['partner'] },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { to: '/admin/institutions', label: 'nav.institutions', roles: ['admin'] },
  { to: '/admin/teams', label: 'nav.teams', roles: ['admin'] },
  { to: '/audit', label: 'nav.auditLog', roles: ['auditor'] },
  { to: '/audit/access', label: 'nav.accessReports', roles: ['auditor'] },
  { to: '/statistics', label: 'nav.statistics', roles: ['coordinator'] },
  // The lead agency's staff and the system's own roles read campaigns (coordinators edit); partners do not.
  {
    to: '/campaigns',
    label: 'nav.campaigns',
    roles: ['coordinator', 'caseworker', 'supervisor', 'auditor', 'admin'],
  },
  { to: '/trainings', label: 'nav.trainings', roles: ['coordinator'] },
  // Targets, budget and the management report are the coordinator's (PRODUCT.md).
  { to: '/targets', label: 'nav.targets', roles: ['coordinator'] },
  { to: '/management-reports', label: 'nav.managementReports', roles: ['coordinator'] },
];

/** Moves focus to the new page's heading after client-side navigation (screen readers hear it). */
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

export function AppLayout() {
  const { t } = useTranslation('app');
  const me = useSignedInUser();
  const { label } = useVocabulary();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useFocusOnNavigate();

  const signOut = () => {
    void endServerSession(() => api.POST('/api/v1/auth/logout')).then(() => {
      forgetSession(queryClient);
      void navigate(signInPath('signed_out'), { replace: true });
    });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <p className="site-header__brand">
          <span className="site-header__mark" aria-hidden="true" />
          {t('name')}
        </p>
        <nav aria-label={t('nav.label')} className="site-nav">
          <ul>
            {NAV.filter((item) => item.roles.includes(me.user.role)).map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.to === '/' || item.to === '/audit'}
                  className="site-nav__link"
                >
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="site-header__user">
          <span>
            {me.user.displayName}
            <span className="site-header__role"> · {label('role', me.user.role)}</span>
          </span>
          <NotificationBell />
          <LanguageSwitcher />
          <Button variant="quiet" onPress={signOut}>
            {t('session.signOut')}
          </Button>
        </div>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
      <SessionBridge />
    </>
  );
}
