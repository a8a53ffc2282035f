import { Navigate, Outlet, useLocation } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Loading } from '../../ui/Loading';
import { signInPath } from './session-end';
import { useMe, type Role } from './useMe';

/** Signed-in pages: without a session, the sign-in page (remembering this one). */
export function RequireSession() {
  const { data, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (error) return <ProblemMessage error={error} />;
  if (!data) {
    return (
      <Navigate to={signInPath(undefined, `${location.pathname}${location.search}`)} replace />
    );
  }
  return <Outlet />;
}

/** Pages for some roles only; the API refuses the rest anyway, this keeps the menu honest. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { data } = useMe();
  if (!data || !roles.includes(data.user.role)) return <Navigate to="/" replace />;
  return <Outlet />;
}
