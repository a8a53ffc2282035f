import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, setSessionHandlers, SIGNED_OUT_HANDLERS } from '../../api/client';
import { IdleWarning } from './IdleWarning';
import { endServerSession, forgetSession, signInPath, type SignInReason } from './session-end';
import { requestStepUp } from './step-up-bridge';
import { StepUpDialog } from './StepUpDialog';
import { useSignedInUser } from './useMe';

/** The server's idle limit (15 minutes), as the server applies it. */
const IDLE_MS = 15 * 60_000;
/**
 * The server writes a new idle limit at most once a minute, so after a request
 * the session lasts between 14 and 15 minutes: the client counts 14.
 */
const EXTEND_GRANULARITY_MS = 60_000;

/**
 * Connects the API client to the signed-in page: step-up dialog, idle warning,
 * and a clean return to sign-in (with the page remembered) when the session ends.
 */
export function SessionBridge() {
  const me = useSignedInUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const [lastActivity, setLastActivity] = useState(() => Date.now());

  // One ending per page: a request refused while the idle sign-out runs must not
  // turn it into "your session ended".
  const ending = useRef(false);
  const finish = useCallback(
    (reason: SignInReason, next?: string) => {
      forgetSession(queryClient);
      void navigate(signInPath(reason, next), { replace: true });
    },
    [navigate, queryClient],
  );
  const end = useCallback(
    (reason: SignInReason, next?: string) => {
      if (ending.current) return;
      ending.current = true;
      finish(reason, next);
    },
    [finish],
  );

  const signOutIdle = useCallback(() => {
    if (ending.current) return;
    ending.current = true;
    void endServerSession(() => api.POST('/api/v1/auth/logout')).then(() => finish('idle', here));
  }, [finish, here]);

  // Tabs of one session share its idle clock (a time only, never data): an idle
  // tab must not sign out a tab where the person is typing.
  const [channel] = useState(() =>
    'BroadcastChannel' in window ? new BroadcastChannel('amparo-activity') : undefined,
  );
  useEffect(() => {
    if (!channel) return;
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'number')
        setLastActivity((last) => Math.max(last, event.data as number));
    };
    return () => channel.close();
  }, [channel]);

  useEffect(() => {
    setSessionHandlers({
      stepUp: requestStepUp,
      sessionEnded: () => end('ended', here),
      activity: () => {
        const now = Date.now();
        setLastActivity(now);
        channel?.postMessage(now);
      },
    });
    // Signed out: the sign-in steps' answers must not reach this page's handlers.
    return () => setSessionHandlers(SIGNED_OUT_HANDLERS);
  }, [end, here, channel]);

  const deadline = Math.min(
    Math.max(Date.parse(me.session.idleExpiresAt), lastActivity + IDLE_MS - EXTEND_GRANULARITY_MS),
    Date.parse(me.session.absoluteExpiresAt),
  );

  useEffect(() => {
    const timer = window.setTimeout(signOutIdle, Math.max(0, deadline - Date.now()));
    return () => window.clearTimeout(timer);
  }, [deadline, signOutIdle]);

  return (
    <>
      <IdleWarning deadline={deadline} onSignOut={signOutIdle} />
      <StepUpDialog />
    </>
  );
}
