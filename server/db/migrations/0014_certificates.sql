-- The internal certificate authority (one per installation): its certificate
-- is public; its private key is stored only wrapped by a key-encryption key
-- (context `pki|ca`), like the case data keys.
CREATE TABLE certificate_authority (
  id              smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  certificate_pem text NOT NULL,
  serial_number   text NOT NULL,
  not_after       timestamptz NOT NULL,
  kek_version     smallint NOT NULL CHECK (kek_version BETWEEN 1 AND 255),
  wrapped_key     bytea NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  rewrapped_at    timestamptz
);

-- Client certificates of partner institutions' systems (mutual TLS, CMS
-- packages). Classification: public institutional data -> clear text. The
-- private key is never stored: it stays with the institution (CSR) or leaves
-- once inside a password-protected PKCS#12 bundle.
CREATE TABLE institution_certificates (
  id                 uuid PRIMARY KEY,
  institution_id     uuid NOT NULL REFERENCES institutions (id),
  serial_number      text NOT NULL UNIQUE CHECK (serial_number ~ '^[0-9a-f]{1,64}$'),
  fingerprint_sha256 text NOT NULL UNIQUE CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  certificate_pem    text NOT NULL,
  origin             text NOT NULL CHECK (origin IN ('csr', 'generated')),
  not_before         timestamptz NOT NULL,
  not_after          timestamptz NOT NULL,
  issued_by          uuid NOT NULL REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  revoked_at         timestamptz,
  revoked_by         uuid REFERENCES users (id),
  revocation_reason  text CHECK (revocation_reason ~ '^[a-z_]{1,40}$'),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX institution_certificates_institution
  ON institution_certificates (institution_id, not_after DESC);

-- An issued certificate is only ever revoked, once; nothing else changes.
CREATE FUNCTION refuse_certificate_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL
     OR (NEW.id, NEW.institution_id, NEW.serial_number, NEW.fingerprint_sha256, NEW.certificate_pem,
         NEW.origin, NEW.not_before, NEW.not_after, NEW.issued_by, NEW.created_at)
        IS DISTINCT FROM
        (OLD.id, OLD.institution_id, OLD.serial_number, OLD.fingerprint_sha256, OLD.certificate_pem,
         OLD.origin, OLD.not_before, OLD.not_after, OLD.issued_by, OLD.created_at) THEN
    RAISE EXCEPTION 'a certificate is only revoked, once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER institution_certificates_revoke_only BEFORE UPDATE ON institution_certificates
  FOR EACH ROW EXECUTE FUNCTION refuse_certificate_rewrite();

GRANT SELECT, INSERT, UPDATE ON certificate_authority TO amparo_app;
GRANT SELECT, INSERT, UPDATE ON institution_certificates TO amparo_app;

-- The CA row: read by admins (issuing) and the system (the mutual-TLS listener).
ALTER TABLE certificate_authority ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificate_authority FORCE ROW LEVEL SECURITY;
CREATE POLICY certificate_authority_access ON certificate_authority
  USING (current_setting('app.actor_role', true) IN ('admin', 'system'))
  WITH CHECK (current_setting('app.actor_role', true) IN ('admin', 'system'));

-- Certificates: admins and the system see all; an institution's partners and
-- systems see their own (to encrypt packages to it). Only admins write.
ALTER TABLE institution_certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE institution_certificates FORCE ROW LEVEL SECURITY;
CREATE POLICY institution_certificates_select ON institution_certificates FOR SELECT
  USING (current_setting('app.actor_role', true) IN ('admin', 'system')
         OR (current_setting('app.actor_role', true) IN ('partner', 'institution_system')
             AND institution_id = nullif(current_setting('app.institution_id', true), '')::uuid));
CREATE POLICY institution_certificates_insert ON institution_certificates FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) = 'admin'
              AND issued_by = nullif(current_setting('app.actor_id', true), '')::uuid);
CREATE POLICY institution_certificates_update ON institution_certificates FOR UPDATE
  USING (current_setting('app.actor_role', true) = 'admin')
  WITH CHECK (current_setting('app.actor_role', true) = 'admin');
