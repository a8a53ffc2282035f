-- One request, one transaction (issue 11). An authenticated request's first
-- statement: with the system's row-level-security context it reads the session,
-- ends it when it is past its idle or absolute limit, extends the idle limit
-- only when more than `p_extend_every` of it has been used (not on every
-- request), re-reads the account — so disabling it, changing its password or
-- locking its second factor still ends the session at once — and leaves the
-- transaction's RLS context set LOCAL to the signed-in user, or to an
-- anonymous actor when the session is not signed in. The request's use case
-- then runs in the same transaction.
--
-- No row: no such session (or it has just ended). One row: the session's
-- data, whether this call extended its idle limit (the caller writes it again
-- should the transaction roll back), the user's columns only when `signed_in`.
--
-- It runs with the caller's rights (the application role), as the session
-- store did statement by statement: nothing here is out of the app's reach.
CREATE FUNCTION open_session(
  p_id_hash      bytea,
  p_now          timestamptz,
  p_idle         interval,
  p_absolute     interval,
  p_extend_every interval
) RETURNS TABLE (
  data               jsonb,
  expires_at         timestamptz,
  extended           boolean,
  signed_in          boolean,
  user_id            uuid,
  email              text,
  display_name       text,
  role               text,
  institution_id     uuid,
  institution_name   text,
  institution_sector text
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_data     jsonb;
  v_expires  timestamptz;
  v_now_ms   numeric := extract(epoch FROM p_now) * 1000;
  v_user_key text;
  v_user     record;
  v_ok       boolean := false;
  v_extended boolean := false;
BEGIN
  PERFORM set_config('app.actor_id', '00000000-0000-0000-0000-000000000000', true),
          set_config('app.actor_role', 'system', true),
          set_config('app.institution_id', '', true);

  SELECT s.data, s.expires_at INTO v_data, v_expires
  FROM sessions s WHERE s.id_hash = p_id_hash;
  IF FOUND AND (
       v_expires <= p_now
       OR jsonb_typeof(v_data -> 'startedAt') IS DISTINCT FROM 'number'
       OR v_now_ms - (v_data ->> 'startedAt')::numeric > extract(epoch FROM p_absolute) * 1000
     ) THEN
    DELETE FROM sessions s WHERE s.id_hash = p_id_hash;
    v_data := NULL;
  END IF;

  IF v_data IS NOT NULL AND v_expires < p_now + p_idle - p_extend_every THEN
    v_expires := p_now + p_idle;
    v_extended := true;
    UPDATE sessions s SET expires_at = v_expires WHERE s.id_hash = p_id_hash;
  END IF;

  v_user_key := v_data -> 'passport' ->> 'user';
  IF v_user_key ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    SELECT u.id, u.email, u.display_name, u.role,
           i.id AS institution_id, i.name AS institution_name, i.sector AS institution_sector,
           u.active AND i.disabled_at IS NULL
             AND u.totp_enabled_at IS NOT NULL
             AND NOT u.password_must_change
             AND jsonb_typeof(v_data -> 'authenticatedAt') = 'number'
             AND (v_data ->> 'authenticatedAt')::numeric
                 >= floor(extract(epoch FROM u.sessions_valid_after) * 1000) AS usable
    INTO v_user
    FROM users u JOIN institutions i ON i.id = u.institution_id
    WHERE u.id = v_user_key::uuid;
    v_ok := FOUND AND v_user.usable;
  END IF;

  IF v_ok THEN
    PERFORM set_config('app.actor_id', v_user.id::text, true),
            set_config('app.actor_role', v_user.role, true),
            set_config('app.institution_id', v_user.institution_id::text, true);
  ELSE
    PERFORM set_config('app.actor_id', '', true),
            set_config('app.actor_role', 'anonymous', true),
            set_config('app.institution_id', '', true);
  END IF;

  IF v_data IS NULL THEN
    RETURN;
  END IF;
  IF v_ok THEN
    RETURN QUERY SELECT v_data, v_expires, v_extended, true, v_user.id, v_user.email, v_user.display_name,
      v_user.role, v_user.institution_id, v_user.institution_name, v_user.institution_sector;
  ELSE
    RETURN QUERY SELECT v_data, v_expires, v_extended, false, NULL::uuid, NULL::text, NULL::text,
      NULL::text, NULL::uuid, NULL::text, NULL::text;
  END IF;
END
$$;

GRANT EXECUTE ON FUNCTION open_session(bytea, timestamptz, interval, interval, interval) TO amparo_app;
