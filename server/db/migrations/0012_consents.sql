-- Consent of the person (or of a guardian, or a best-interest determination,
-- for a minor) to referral, information sharing, statistics and follow-up
-- contact, per scope: sectors or named institutions × data categories.
-- Classification: the kind of giver, method, dates, purposes and scope say
-- nothing about who the person is -> clear text; the evidence (signed form)
-- is a case attachment, encrypted with the case's key.
-- Records are never edited: a change is a new version (supersedes_id), an
-- approval or a revocation is an event.
CREATE TABLE consents (
  id                     uuid PRIMARY KEY,
  case_id                uuid NOT NULL REFERENCES cases (id),
  version                integer NOT NULL CHECK (version >= 1),
  supersedes_id          uuid UNIQUE REFERENCES consents (id),
  given_by               text NOT NULL CHECK (given_by IN ('person', 'guardian', 'best_interest')),
  method                 text NOT NULL CHECK (method IN ('written', 'verbal_witnessed', 'digital')),
  given_at               timestamptz NOT NULL,
  valid_until            timestamptz,
  purposes               text[] NOT NULL CHECK (
                           cardinality(purposes) BETWEEN 1 AND 4
                           AND purposes <@ ARRAY['service_referral', 'information_sharing',
                                                 'statistics', 'follow_up_contact']),
  scope                  jsonb NOT NULL CHECK (jsonb_typeof(scope) = 'array'),
  evidence_attachment_id uuid REFERENCES case_attachments (id),
  recorded_by            uuid NOT NULL REFERENCES users (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > given_at),
  CHECK ((version = 1) = (supersedes_id IS NULL))
);
CREATE INDEX consents_case ON consents (case_id, created_at);

CREATE TABLE consent_events (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consent_id uuid NOT NULL REFERENCES consents (id),
  kind       text NOT NULL CHECK (kind IN ('approved', 'revoked')),
  reason     text CHECK (reason ~ '^[a-z_]{1,40}$'),
  actor_id   uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Approved once, revoked once: a second request loses the race with a 409.
  UNIQUE (consent_id, kind)
);

GRANT SELECT, INSERT ON consents, consent_events TO amparo_app;
CREATE TRIGGER consents_append_only BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();

-- Consents follow their case: whoever may see the case (never a partner).
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE consents FORCE ROW LEVEL SECURITY;
CREATE POLICY consents_by_case ON consents
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = consents.case_id))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = consents.case_id)
              AND recorded_by = nullif(current_setting('app.actor_id', true), '')::uuid);
ALTER TABLE consent_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent_events FORCE ROW LEVEL SECURITY;
CREATE POLICY consent_events_by_case ON consent_events
  USING (EXISTS (SELECT 1 FROM consents c WHERE c.id = consent_events.consent_id))
  WITH CHECK (EXISTS (SELECT 1 FROM consents c WHERE c.id = consent_events.consent_id)
              AND actor_id = nullif(current_setting('app.actor_id', true), '')::uuid);
