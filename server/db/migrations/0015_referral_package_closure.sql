-- A referral that has ended discloses nothing more. When a referral is
-- withdrawn, declined or expires, its package is destroyed in the same
-- transaction, as consent revocation and case erasure already do; a completed
-- referral keeps its package for the receiving institution for a while (its
-- own legal file), then the hourly job destroys it, unless the sender closes
-- it sooner (sent in error: the partner cannot keep it by completing at once).
-- `package_closed_reason`
-- says why a package is gone (a code: nothing about the person).
ALTER TABLE referrals ADD COLUMN package_closed_reason text
  CHECK (package_closed_reason IN ('consent_revoked', 'withdrawn', 'declined', 'expired',
                                   'case_erased', 'retention_ended', 'closed_by_sender'));

-- Existing rows, as the system (row-level security is forced on the owner too).
-- Packages closed so far were closed by revocation; referrals that had
-- already ended, and those of erased cases, lose their package now.
SELECT set_config('app.actor_role', 'system', true);
UPDATE referrals SET package_closed_reason = 'consent_revoked' WHERE package_closed_at IS NOT NULL;
UPDATE referrals r SET package_closed_at = now(), package_closed_reason = 'case_erased'
  FROM cases c
  WHERE c.id = r.case_id AND c.erased_at IS NOT NULL AND r.package_closed_at IS NULL;
UPDATE referrals SET package_closed_at = now(), package_closed_reason = status
  WHERE status IN ('withdrawn', 'declined', 'expired') AND package_closed_at IS NULL;
DELETE FROM referral_packages p USING referrals r
  WHERE r.id = p.referral_id AND r.package_closed_at IS NOT NULL;
SELECT set_config('app.actor_role', '', true);

ALTER TABLE referrals ADD CONSTRAINT referrals_package_closed_whole
  CHECK ((package_closed_at IS NULL) = (package_closed_reason IS NULL));
-- The database itself refuses an ended referral whose package is still open.
ALTER TABLE referrals ADD CONSTRAINT referrals_ended_package_closed
  CHECK (status NOT IN ('withdrawn', 'declined', 'expired') OR package_closed_at IS NOT NULL);

-- Besides what a referral is (0013): an ended referral never moves again, and
-- the first open and the closing of the package are written once, never undone.
CREATE OR REPLACE FUNCTION refuse_referral_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.case_id, NEW.institution_id, NEW.services, NEW.urgency, NEW.categories,
      NEW.acknowledge_by, NEW.vital_interest_override, NEW.override_justification_enc,
      NEW.created_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.case_id, OLD.institution_id, OLD.services, OLD.urgency, OLD.categories,
      OLD.acknowledge_by, OLD.vital_interest_override, OLD.override_justification_enc,
      OLD.created_by, OLD.created_at)
     OR (OLD.status IN ('declined', 'completed', 'withdrawn', 'expired')
         AND NEW.status IS DISTINCT FROM OLD.status)
     OR (OLD.opened_at IS NOT NULL AND NEW.opened_at IS DISTINCT FROM OLD.opened_at)
     OR (OLD.package_closed_at IS NOT NULL
         AND (NEW.package_closed_at, NEW.package_closed_reason)
             IS DISTINCT FROM (OLD.package_closed_at, OLD.package_closed_reason)) THEN
    RAISE EXCEPTION 'a referral is not rewritten, only moved' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

-- The package is read by the receiving side only while the referral is live
-- (or completed and not yet past its keeping time) and its package open; it
-- is written only with a new referral.
DROP POLICY referral_packages_read ON referral_packages;
CREATE POLICY referral_packages_read ON referral_packages FOR SELECT
  USING (current_setting('app.actor_role', true) = 'system'
         OR (current_setting('app.actor_role', true) IN ('partner', 'institution_system')
             AND EXISTS (SELECT 1 FROM referrals r
                         WHERE r.id = referral_packages.referral_id
                           AND r.package_closed_at IS NULL
                           AND r.status IN ('sent', 'acknowledged', 'accepted', 'in_progress',
                                            'completed'))));
DROP POLICY referral_packages_write ON referral_packages;
CREATE POLICY referral_packages_write ON referral_packages FOR INSERT
  WITH CHECK (current_setting('app.actor_role', true) IN ('caseworker', 'supervisor')
              AND EXISTS (SELECT 1 FROM referrals r
                          WHERE r.id = referral_packages.referral_id
                            AND r.status = 'sent' AND r.package_closed_at IS NULL));
