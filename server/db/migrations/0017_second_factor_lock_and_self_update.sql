-- Second factor, per account. Wrong codes (at login and at step-up) count
-- here whatever the address and whatever passwords were typed in between; a
-- correct code resets the count; at the limit the factor locks until an
-- administrator unlocks it. Only the process (as the system) writes these.
ALTER TABLE users
  ADD COLUMN totp_failures  smallint NOT NULL DEFAULT 0 CHECK (totp_failures >= 0),
  ADD COLUMN totp_locked_at timestamptz;

-- TOTP secrets are wrapped by the versioned keyring like every other key
-- (context `users|totp|<id>`), so that key rotation re-encrypts them and an
-- old key-encryption key can be retired. Rows without a version hold the
-- earlier format (a key derived from the first DATA_KEK); the server converts
-- them at start-up and `npm run rotate-keys` does too.
ALTER TABLE users
  ADD COLUMN totp_kek_version smallint CHECK (totp_kek_version BETWEEN 1 AND 255);
CREATE INDEX users_totp_kek_version ON users (totp_kek_version) WHERE totp_secret_enc IS NOT NULL;

-- Row-level security lets people update their own row; this says which
-- columns and how, as an allow-list (a column added later is guarded by
-- default). Before, a deny-list of four columns left team, team access, the
-- second factor, the forced password change and session validity open.
-- On their own row a person may only:
--   * set a new password hash (and clear the forced change with it, never set it);
--   * end their other sessions (sessions_valid_after only moves forward);
--   * start or restart enrolling a second factor that is not yet active.
-- Activating a factor, recording the last code used, counting failures,
-- locking, and rewrapping the secret are done by the process as the system.
CREATE OR REPLACE FUNCTION users_guard_self_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  self_editable constant text[] := ARRAY['password_hash', 'password_must_change', 'updated_at',
    'sessions_valid_after', 'totp_secret_enc', 'totp_kek_version', 'totp_last_step'];
BEGIN
  IF coalesce(current_setting('app.actor_role', true), '') IN ('admin', 'system') THEN
    RETURN NEW;
  END IF;
  IF (to_jsonb(NEW) - self_editable) IS DISTINCT FROM (to_jsonb(OLD) - self_editable)
     OR (NEW.password_must_change AND NOT OLD.password_must_change)
     OR (OLD.password_must_change AND NOT NEW.password_must_change
         AND NEW.password_hash IS NOT DISTINCT FROM OLD.password_hash)
     OR NEW.sessions_valid_after < OLD.sessions_valid_after
     OR (OLD.totp_enabled_at IS NOT NULL
         AND (NEW.totp_secret_enc, NEW.totp_kek_version, NEW.totp_last_step)
             IS DISTINCT FROM (OLD.totp_secret_enc, OLD.totp_kek_version, OLD.totp_last_step))
     OR (OLD.totp_enabled_at IS NULL AND NEW.totp_last_step IS NOT NULL) THEN
    RAISE EXCEPTION 'only an administrator may change this on an account'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
