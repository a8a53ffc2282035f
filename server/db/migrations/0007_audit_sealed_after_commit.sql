-- Audit events are now written without any shared lock and linked into the
-- chain just after their transaction commits (server/modules/audit/audit.sealer.ts).
-- Before: each audited transaction locked the chain head from its audit insert
-- until the end of its COMMIT, so every audited use case took turns there.
--
-- A use case inserts its events with `seq`, `prev_hash` and `hash` NULL and a
-- per-event `mac` = HMAC(AUDIT_KEY, canonical content): a row forged without
-- the key fails even before it is sealed. The sealer, in a short transaction
-- of its own, locks the head, gives each committed unsealed event the next
-- `seq` and its chain hash (same formula as before), and moves the head.
-- Rows written before this migration are already sealed and keep no mac.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id);
ALTER TABLE audit_events DROP CONSTRAINT audit_events_id_key;
ALTER TABLE audit_events ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_seq_key UNIQUE (seq);
ALTER TABLE audit_events ADD COLUMN mac bytea CHECK (length(mac) = 32);
ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed_whole
  CHECK ((seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (hash IS NULL));
ALTER TABLE audit_events ADD CONSTRAINT audit_events_mac_until_sealed
  CHECK (mac IS NOT NULL OR seq IS NOT NULL);
-- Insertion order (not commit order), so that the sealer keeps a transaction's
-- events in the order they were recorded.
ALTER TABLE audit_events ADD COLUMN written bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX audit_events_unsealed ON audit_events (written) WHERE seq IS NULL;

-- Still append-only: the one change allowed is sealing (the chain columns go
-- from NULL to a value, once, and nothing else changes). Deletes and
-- truncation stay refused, even to the owner.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND (NEW.id, NEW.occurred_at, NEW.actor_id, NEW.actor_role, NEW.institution_id,
          NEW.action, NEW.resource_type, NEW.resource_id, NEW.purpose, NEW.outcome,
          NEW.request_id, NEW.mac, NEW.written)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.occurred_at, OLD.actor_id, OLD.actor_role, OLD.institution_id,
          OLD.action, OLD.resource_type, OLD.resource_id, OLD.purpose, OLD.outcome,
          OLD.request_id, OLD.mac, OLD.written) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

GRANT UPDATE (seq, prev_hash, hash) ON audit_events TO amparo_app;
-- Only the process's sealer seals, and only it moves the chain head.
CREATE POLICY audit_events_seal ON audit_events FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');
DROP POLICY audit_chain_head_any_actor ON audit_chain_head;
CREATE POLICY audit_chain_head_read ON audit_chain_head FOR SELECT
  USING (coalesce(current_setting('app.actor_role', true), '') <> '');
CREATE POLICY audit_chain_head_seal ON audit_chain_head FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'system')
  WITH CHECK (current_setting('app.actor_role', true) = 'system');
