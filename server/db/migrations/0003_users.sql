-- Staff accounts. Classification: a staff member's name and work email are
-- personal data of staff (not of victims): kept in clear because login and
-- administration need them, readable only by administrators and the person
-- (RLS), never logged. Credentials are stored only as an argon2id hash.
CREATE TABLE users (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id       uuid NOT NULL REFERENCES institutions (id),
  email                text NOT NULL CHECK (email = lower(email) AND char_length(email) BETWEEN 3 AND 254),
  display_name         text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
  role                 text NOT NULL CHECK (role IN ('admin', 'supervisor', 'caseworker',
                         'partner', 'coordinator', 'auditor')),
  password_hash        text NOT NULL,
  -- Initial and reset passwords must be changed at the next login.
  password_must_change boolean NOT NULL DEFAULT true,
  active               boolean NOT NULL DEFAULT true,
  -- Sessions issued before this instant are refused (disable, role change, reset).
  sessions_valid_after timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_institution ON users (institution_id);

-- Accounts are disabled, never deleted: audit events point at them.
GRANT SELECT, INSERT, UPDATE ON users TO amparo_app;

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
-- `system` is the process authenticating someone (login runs before there is an actor).
CREATE POLICY users_select ON users FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('admin', 'system')
         OR id = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY users_insert ON users FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('admin', 'system'));
CREATE POLICY users_update ON users FOR UPDATE
  USING (current_setting('app.actor_role', true) IN ('admin', 'system')
         OR id = nullif(current_setting('app.actor_id', true), '')::uuid)
  WITH CHECK (current_setting('app.actor_role', true) IN ('admin', 'system')
         OR id = nullif(current_setting('app.actor_id', true), '')::uuid);

-- Row-level security says whose row; this says which columns: people may change
-- their own password and profile, never their role, institution, email or status.
CREATE FUNCTION users_guard_self_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('app.actor_role', true), '') NOT IN ('admin', 'system')
     AND (NEW.role, NEW.institution_id, NEW.email, NEW.active)
         IS DISTINCT FROM (OLD.role, OLD.institution_id, OLD.email, OLD.active) THEN
    RAISE EXCEPTION 'only an administrator may change role, institution, email or status'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER users_guard_self_update BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_guard_self_update();
