-- Training certificates (issue 15; PRODUCT.md "Training"): one per participant
-- who completed a programme, issued by a coordinator, printed as a PDF with a
-- verification code that anyone may check without an account
-- (GET /api/v1/public/certificates/{code}), revocable with a reason
-- (server/modules/training-certificates, docs/TRAINING_CERTIFICATES.md).
--
-- Classification:
-- * the holder's name as issued (holder_name_enc) is identifying -> encrypted
--   (AES-256-GCM) under the PARTICIPANT's data key (0025), bound to
--   training_certificates | holder_name | certificate id | key version. Erasing
--   the participant (destroying that key) erases it from every certificate at
--   once: no second key to forget.
-- * the verification code answers the holder's name to whoever holds it, so it
--   is kept like a credential: only its SHA-256 digest (code_digest) finds the
--   certificate; the code itself (code_enc, to print the PDF again) is
--   encrypted like the name. A copy of the database does not yield the codes.
-- * what the certificate says besides the name is frozen in clear when it is
--   issued: programme name, hours, dates, the issuing institutions (the lead
--   agency, the programme's partner institution). Nothing personal.
-- * the revocation reason is a coordinator's plain text about the certificate
--   (the API refuses e-mail addresses, phone and identity numbers in it); it
--   is never shown publicly (verification says "revoked" and the date only).
-- * staff ids (who issued, who revoked) are clear.
-- * verification counts (training_certificate_verifications): a certificate
--   id, a day and a number. Nothing personal.
--
-- Integrity: a certificate refers to its enrolment (so a certified person
-- cannot be unenrolled) and is inserted only for a participant the
-- completion view says completed (a trigger, beside the API's own check).
-- The API refuses any later change that would leave a valid certificate
-- without a completion (409 certificate_depends_on_completion): the
-- coordinator revokes first.
--
-- Access (RLS below): coordinators issue, list and revoke; the system reads;
-- the holder (the participant whose user_id is the actor) reads their own;
-- an anonymous request reads only the one row whose code digest it set in
-- `app.certificate_lookup` (one verification, one row: no listing possible).

CREATE TABLE training_certificates (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id          uuid NOT NULL REFERENCES training_programmes (id),
  participant_id        uuid NOT NULL REFERENCES training_participants (id),
  code_digest           bytea NOT NULL UNIQUE CHECK (octet_length(code_digest) = 32),
  code_enc              bytea NOT NULL,
  holder_name_enc       bytea NOT NULL,
  programme_name        text NOT NULL CHECK (char_length(programme_name) BETWEEN 1 AND 200),
  total_hours           numeric(6, 2) NOT NULL CHECK (total_hours > 0),
  starts_on             date NOT NULL,
  ends_on               date NOT NULL,
  -- The lead agency, then the programme's partner institution when it has one.
  issuing_institutions  text[] NOT NULL CHECK (cardinality(issuing_institutions) BETWEEN 1 AND 2),
  issued_at             timestamptz NOT NULL DEFAULT now(),
  issued_by             uuid NOT NULL REFERENCES users (id),
  revoked_at            timestamptz,
  revoked_by            uuid REFERENCES users (id),
  revocation_reason     text CHECK (char_length(revocation_reason) BETWEEN 1 AND 500),
  CHECK (ends_on >= starts_on),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)
         AND (revoked_at IS NULL) = (revocation_reason IS NULL)),
  -- The enrolment it attests: never removed while a certificate (valid or
  -- revoked) refers to it.
  FOREIGN KEY (programme_id, participant_id)
    REFERENCES training_enrolments (programme_id, participant_id)
);
-- One valid certificate per participant and programme; after a revocation a
-- new one (with a new code) may be issued.
CREATE UNIQUE INDEX training_certificates_one_valid
  ON training_certificates (programme_id, participant_id) WHERE revoked_at IS NULL;
CREATE INDEX training_certificates_programme ON training_certificates (programme_id, issued_at);
CREATE INDEX training_certificates_participant ON training_certificates (participant_id);

-- What a certificate says never changes once issued; the one change is its
-- revocation, once, for good.
CREATE FUNCTION training_certificate_revocation_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) - ARRAY['revoked_at', 'revoked_by', 'revocation_reason']
     IS DISTINCT FROM to_jsonb(OLD) - ARRAY['revoked_at', 'revoked_by', 'revocation_reason'] THEN
    RAISE EXCEPTION 'a certificate''s content is frozen when it is issued'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'a revoked certificate stays revoked'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER training_certificates_revocation_only BEFORE UPDATE ON training_certificates
  FOR EACH ROW EXECUTE FUNCTION training_certificate_revocation_only();

-- Issued only to a participant who completed the programme by its rule
-- (training_completions, 0025), whatever the code above it does.
CREATE FUNCTION training_certificate_needs_completion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM training_completions k
                 WHERE k.programme_id = NEW.programme_id
                   AND k.participant_id = NEW.participant_id AND k.completed) THEN
    RAISE EXCEPTION 'a certificate is issued only to a participant who completed the programme'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER training_certificates_need_completion BEFORE INSERT ON training_certificates
  FOR EACH ROW EXECUTE FUNCTION training_certificate_needs_completion();

-- Never deleted (no grant): a revoked certificate stays verifiable as revoked.
GRANT SELECT, INSERT, UPDATE ON training_certificates TO amparo_app;

-- The digest an anonymous verification looks for (hex, set LOCAL to its
-- transaction), or null.
CREATE FUNCTION training_certificate_lookup() RETURNS bytea
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN current_setting('app.certificate_lookup', true) ~ '^[0-9a-f]{64}$'
              THEN decode(current_setting('app.certificate_lookup', true), 'hex') END
$$;
GRANT EXECUTE ON FUNCTION training_certificate_lookup() TO amparo_app;

ALTER TABLE training_certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_certificates FORCE ROW LEVEL SECURITY;
CREATE POLICY training_certificates_read ON training_certificates FOR SELECT
  USING (training_reader()
         OR EXISTS (SELECT 1 FROM training_participants p
                    WHERE p.id = participant_id AND training_is_actor(p.user_id))
         OR (current_setting('app.actor_role', true) = 'anonymous'
             AND code_digest = training_certificate_lookup()));
CREATE POLICY training_certificates_insert ON training_certificates FOR INSERT
  WITH CHECK (training_coordinator()
              AND issued_by = nullif(current_setting('app.actor_id', true), '')::uuid
              AND revoked_at IS NULL);
CREATE POLICY training_certificates_revoke ON training_certificates FOR UPDATE
  USING (training_coordinator())
  WITH CHECK (training_coordinator()
              AND revoked_by = nullif(current_setting('app.actor_id', true), '')::uuid);

-- How often each certificate was checked, by day in Ecuador. The public
-- verification counts here instead of writing an audit event per lookup
-- (which would let anyone holding one valid code grow the sealed audit log
-- without bound): only the first lookup of a certificate on a day is
-- audited. An anonymous request counts only for the certificate whose code
-- digest it set (the policies below read training_certificates under its
-- own row-level security); coordinators and the system read the counts.
CREATE TABLE training_certificate_verifications (
  certificate_id uuid NOT NULL REFERENCES training_certificates (id),
  day            date NOT NULL,
  lookups        bigint NOT NULL DEFAULT 1 CHECK (lookups >= 1),
  PRIMARY KEY (certificate_id, day)
);
GRANT SELECT, INSERT, UPDATE ON training_certificate_verifications TO amparo_app;

-- Is this the certificate the anonymous request is verifying?
CREATE FUNCTION training_certificate_looked_up(certificate uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('app.actor_role', true) = 'anonymous'
     AND EXISTS (SELECT 1 FROM training_certificates c
                 WHERE c.id = certificate AND c.code_digest = training_certificate_lookup())
$$;
GRANT EXECUTE ON FUNCTION training_certificate_looked_up(uuid) TO amparo_app;

ALTER TABLE training_certificate_verifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_certificate_verifications FORCE ROW LEVEL SECURITY;
CREATE POLICY training_certificate_verifications_read ON training_certificate_verifications
  FOR SELECT USING (training_reader() OR training_certificate_looked_up(certificate_id));
CREATE POLICY training_certificate_verifications_insert ON training_certificate_verifications
  FOR INSERT WITH CHECK (training_certificate_looked_up(certificate_id));
CREATE POLICY training_certificate_verifications_update ON training_certificate_verifications
  FOR UPDATE USING (training_certificate_looked_up(certificate_id))
  WITH CHECK (training_certificate_looked_up(certificate_id));
