-- Second factor. The TOTP secret is a credential: stored only encrypted
-- (AES-256-GCM under a key derived from DATA_KEK, bound to the user's row).
-- `totp_last_step` makes each code single-use.
ALTER TABLE users
  ADD COLUMN totp_secret_enc bytea,
  ADD COLUMN totp_enabled_at timestamptz,
  ADD COLUMN totp_last_step  bigint;

-- Server-side sessions. The key is the SHA-256 of the session id, so a copy of
-- this table does not yield cookies that work. `user_id` lets disabling a user
-- end all their sessions at once.
CREATE TABLE sessions (
  id_hash    bytea PRIMARY KEY CHECK (length(id_hash) = 32),
  user_id    uuid REFERENCES users (id),
  data       jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO amparo_app;

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
-- Only the process's session middleware touches sessions, never a use case.
CREATE POLICY sessions_system_only ON sessions
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');
