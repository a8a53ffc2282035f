-- Audit log: append-only and tamper-evident. Each event is chained to its
-- predecessor: hash = HMAC-SHA-256(AUDIT_KEY, prev_hash || canonical content),
-- with the key outside the database, so whoever can write to the database still
-- cannot forge a consistent chain. `seq` is the gap-free chain position,
-- assigned while the chain head row is locked; that lock is taken just before
-- commit (see server/modules/audit), so it is held only for the audit inserts.
-- Classification: identifiers and codes only, never personal data values.
CREATE TABLE audit_events (
  seq            bigint PRIMARY KEY CHECK (seq > 0),
  id             uuid NOT NULL UNIQUE,
  occurred_at    timestamptz NOT NULL,
  actor_id       uuid,
  actor_role     text NOT NULL CHECK (actor_role ~ '^[a-z_]{1,32}$'),
  institution_id uuid,
  action         text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+){0,3}$'),
  resource_type  text CHECK (resource_type ~ '^[a-z_]{1,40}$'),
  resource_id    text CHECK (resource_id ~ '^[A-Za-z0-9_.:-]{1,80}$'),
  purpose        text CHECK (purpose ~ '^[a-z_]{1,40}$'),
  outcome        text NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
  request_id     text CHECK (request_id ~ '^[0-9a-f-]{36}$'),
  prev_hash      bytea NOT NULL CHECK (length(prev_hash) = 32),
  hash           bytea NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_events_resource ON audit_events (resource_type, resource_id, seq);

-- The last link of the chain. One row, locked by each audited commit.
CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq       bigint NOT NULL,
  hash      bytea NOT NULL CHECK (length(hash) = 32)
);
INSERT INTO audit_chain_head (seq, hash) VALUES (0, decode(repeat('00', 32), 'hex'));

CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

GRANT SELECT, INSERT ON audit_events TO amparo_app;
GRANT SELECT, UPDATE ON audit_chain_head TO amparo_app;

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
-- Only auditors (and the process itself, e.g. verify-audit) read the log.
CREATE POLICY audit_events_select ON audit_events FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('auditor', 'system'));
-- A transaction can only write events in the name of the actor it runs for.
CREATE POLICY audit_events_insert ON audit_events FOR INSERT
  WITH CHECK (
    actor_role = current_setting('app.actor_role', true)
    AND actor_id IS NOT DISTINCT FROM nullif(current_setting('app.actor_id', true), '')::uuid
  );

ALTER TABLE audit_chain_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_head FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_head_any_actor ON audit_chain_head
  USING (coalesce(current_setting('app.actor_role', true), '') <> '');
