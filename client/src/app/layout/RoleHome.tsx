import { lazy, Suspense } from 'react';
import { Navigate } from 'react-router';
import { Loading } from '../../ui/Loading';
import { useSignedInUser, type Role } from '../session/useMe';

const MyWorkPage = lazy(async () => ({
  default: (await import('../../features/work/MyWorkPage')).MyWorkPage,
}));

/** Where each role starts: case work at "/", every other role on its own first screen. */
export const ROLE_HOME: Record<Role, string> = {
  caseworker: '/',
  supervisor: '/',
  partner: '/inbox',
  admin: '/admin/users',
  auditor: '/audit',
  coordinator: '/statistics',
};

export function RoleHome() {
  const { user } = useSignedInUser();
  const home = ROLE_HOME[user.role];
  if (home !== '/') return <Navigate to={home} replace />;
  return (
    <Suspense fallback={<Loading />}>
      <MyWorkPage />
    </Suspense>
  );
}
