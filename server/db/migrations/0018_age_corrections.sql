-- A minor's consent is a guardian's or a best-interest determination, and it
-- counts only once a second supervisor approves it. Editing the age at
-- identification would lift that rule, so a change that makes a minor an
-- adult is a correction one person requests and another supervisor of the
-- case's team approves (or rejects). Classification: an age and a reason code,
-- not identifying -> clear, like the age itself.
ALTER TABLE cases
  ADD COLUMN age_correction_to     smallint CHECK (age_correction_to BETWEEN 0 AND 120),
  ADD COLUMN age_correction_reason text CHECK (age_correction_reason ~ '^[a-z_]{1,40}$'),
  ADD COLUMN age_correction_by     uuid REFERENCES users (id),
  ADD COLUMN age_correction_at     timestamptz,
  ADD CONSTRAINT cases_age_correction_whole CHECK (
    (age_correction_to IS NULL) = (age_correction_reason IS NULL)
    AND (age_correction_to IS NULL) = (age_correction_by IS NULL)
    AND (age_correction_to IS NULL) = (age_correction_at IS NULL));

-- The database refuses any other way out of a minor's age band: only a
-- supervisor applying, in the statement that clears it, the correction
-- someone else requested; and a request is always the requester's own
-- (nobody files one in a colleague's name), stamped with the database's time.
CREATE FUNCTION cases_guard_minor_status() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  actor constant uuid := nullif(current_setting('app.actor_id', true), '')::uuid;
  by_system constant boolean := coalesce(current_setting('app.actor_role', true), '') = 'system';
BEGIN
  IF NEW.age_correction_to IS NOT NULL
     AND (NEW.age_correction_to, NEW.age_correction_reason, NEW.age_correction_by,
          NEW.age_correction_at)
         IS DISTINCT FROM (OLD.age_correction_to, OLD.age_correction_reason,
                           OLD.age_correction_by, OLD.age_correction_at) THEN
    IF NOT by_system
       AND (OLD.age_correction_to IS NOT NULL OR NEW.age_correction_by IS DISTINCT FROM actor) THEN
      RAISE EXCEPTION 'an age correction is requested by its requester, once'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.age_correction_at := now();
  END IF;
  IF OLD.age_band IN ('0-11', '12-17') AND NEW.age_band NOT IN ('0-11', '12-17')
     AND NOT by_system
     AND NOT (current_setting('app.actor_role', true) = 'supervisor'
              AND OLD.age_correction_to IS NOT NULL
              AND NEW.age_at_identification IS NOT DISTINCT FROM OLD.age_correction_to
              AND OLD.age_correction_by <> actor
              AND NEW.age_correction_to IS NULL) THEN
    RAISE EXCEPTION 'a minor becomes an adult only by an approved age correction'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER cases_guard_minor_status BEFORE UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_guard_minor_status();
