-- Education is a data category of consent (PRODUCT.md): the case gets its
-- free-text education notes, identifying like health and legal notes.
ALTER TABLE cases ADD COLUMN education_notes_enc bytea;

-- A referral: from a case's team to one partner institution, for services.
-- Classification: services, urgency, categories, dates, status, decline
-- reason code and the override flag are not identifying -> clear; the
-- override justification is encrypted with the case's key (erased with it);
-- the disclosure package, outcome and feedback with the referral's own key.
CREATE TABLE referrals (
  id                         uuid PRIMARY KEY,
  case_id                    uuid NOT NULL REFERENCES cases (id),
  institution_id             uuid NOT NULL REFERENCES institutions (id),
  services                   text[] NOT NULL CHECK (cardinality(services) BETWEEN 1 AND 12),
  urgency                    text NOT NULL CHECK (urgency IN ('routine', 'priority', 'urgent')),
  categories                 text[] NOT NULL CHECK ('minimal' = ANY (categories)),
  acknowledge_by             timestamptz NOT NULL,
  status                     text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'acknowledged',
                               'accepted', 'declined', 'in_progress', 'completed', 'withdrawn', 'expired')),
  decline_reason             text CHECK (decline_reason ~ '^[a-z_]{1,40}$'),
  vital_interest_override    boolean NOT NULL DEFAULT false,
  override_justification_enc bytea,
  opened_at                  timestamptz,
  -- The package was destroyed (consent revoked); status and history remain.
  package_closed_at          timestamptz,
  created_by                 uuid NOT NULL REFERENCES users (id),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  CHECK (vital_interest_override = (override_justification_enc IS NOT NULL))
);
CREATE INDEX referrals_inbox ON referrals (institution_id, created_at DESC, id DESC);
CREATE INDEX referrals_case ON referrals (case_id, created_at DESC, id DESC);
CREATE INDEX referrals_awaiting_acknowledgement ON referrals (acknowledge_by) WHERE status = 'sent';

-- The consents a referral was made under (revoking one withdraws or closes it).
CREATE TABLE referral_consents (
  referral_id uuid NOT NULL REFERENCES referrals (id),
  consent_id  uuid NOT NULL REFERENCES consents (id),
  PRIMARY KEY (referral_id, consent_id)
);
CREATE INDEX referral_consents_consent ON referral_consents (consent_id);

-- Each referral's own data key, wrapped by a KEK. It hangs off the case's key:
-- crypto-shredding the case (deleting its key) deletes these too.
CREATE TABLE referral_keys (
  referral_id  uuid PRIMARY KEY REFERENCES referrals (id),
  case_id      uuid NOT NULL REFERENCES case_keys (case_id) ON DELETE CASCADE,
  kek_version  smallint NOT NULL CHECK (kek_version BETWEEN 1 AND 255),
  wrapped_key  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz
);
CREATE INDEX referral_keys_case ON referral_keys (case_id);
CREATE INDEX referral_keys_kek_version ON referral_keys (kek_version);

-- The disclosure package: the snapshot sent, encrypted with the referral's
-- key. Deleted when the consent it was made under is revoked.
CREATE TABLE referral_packages (
  referral_id uuid PRIMARY KEY REFERENCES referrals (id),
  content_enc bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- History: one entry per transition, append-only. actor_id is a user, or the
-- certificate of an institution's system (mutual TLS), or the system itself.
CREATE TABLE referral_events (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id  uuid NOT NULL REFERENCES referrals (id),
  from_status  text,
  to_status    text NOT NULL,
  actor_kind   text NOT NULL CHECK (actor_kind IN ('user', 'institution_system', 'system')),
  actor_id     uuid,
  reason       text CHECK (reason ~ '^[a-z_]{1,40}$'),
  outcome_enc  bytea,
  feedback_enc bytea,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, created_at);

GRANT SELECT, INSERT, UPDATE ON referrals TO amparo_app;
GRANT SELECT, INSERT ON referral_consents, referral_events TO amparo_app;
GRANT SELECT, INSERT, UPDATE ON referral_keys TO amparo_app;
GRANT SELECT, INSERT, DELETE ON referral_packages TO amparo_app;
CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
CREATE TRIGGER referral_consents_append_only BEFORE UPDATE OR DELETE ON referral_consents
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();

-- Once sent, what a referral is (case, recipient, services, categories, due
-- date, override) never changes: only its status and what follows from it.
CREATE FUNCTION refuse_referral_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.case_id, NEW.institution_id, NEW.services, NEW.urgency, NEW.categories,
      NEW.acknowledge_by, NEW.vital_interest_override, NEW.override_justification_enc,
      NEW.created_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.case_id, OLD.institution_id, OLD.services, OLD.urgency, OLD.categories,
      OLD.acknowledge_by, OLD.vital_interest_override, OLD.override_justification_enc,
      OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'a referral is not rewritten, only moved' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER referrals_not_rewritten BEFORE UPDATE ON referrals
  FOR EACH ROW EXECUTE FUNCTION refuse_referral_rewrite();

-- Who may see a referral: the receiving institution's partners and systems;
-- on the sending side, whoever may see the case. Nobody else.
CREATE FUNCTION actor_may_see_referral(referral_case uuid, referral_institution uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('app.actor_role', true)
    WHEN 'system' THEN true
    WHEN 'partner' THEN
      referral_institution = nullif(current_setting('app.institution_id', true), '')::uuid
    WHEN 'institution_system' THEN
      referral_institution = nullif(current_setting('app.institution_id', true), '')::uuid
    WHEN 'caseworker' THEN EXISTS (SELECT 1 FROM cases c WHERE c.id = referral_case)
    WHEN 'supervisor' THEN EXISTS (SELECT 1 FROM cases c WHERE c.id = referral_case)
    ELSE false
  END
$$;

ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
CREATE POLICY referrals_select ON referrals FOR SELECT
  USING (actor_may_see_referral(case_id, institution_id));
CREATE POLICY referrals_insert ON referrals FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
              AND EXISTS (SELECT 1 FROM cases c WHERE c.id = referrals.case_id)
              AND created_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY referrals_update ON referrals FOR UPDATE
  USING (actor_may_see_referral(case_id, institution_id))
  WITH CHECK (actor_may_see_referral(case_id, institution_id));

ALTER TABLE referral_consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_consents FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_consents_sender ON referral_consents
  USING (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor', 'system')
         AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_consents.referral_id));

ALTER TABLE referral_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_keys_by_referral ON referral_keys
  USING (EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_keys.referral_id));

-- The package is for the receiving side only (the sender knows what it sent).
ALTER TABLE referral_packages ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_packages FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_packages_read ON referral_packages FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('partner', 'institution_system', 'system')
         AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_packages.referral_id));
CREATE POLICY referral_packages_write ON referral_packages FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
              AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_packages.referral_id));
-- Deleted on revocation, which the sender decides under their own context;
-- the delete itself runs as the system (the sender cannot read packages).
CREATE POLICY referral_packages_delete ON referral_packages FOR DELETE
  USING (current_setting('app.actor_role', true) = 'system');

ALTER TABLE referral_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_events FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_events_by_referral ON referral_events
  USING (EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_events.referral_id));
