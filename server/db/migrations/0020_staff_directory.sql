-- The staff directory for case work (GET /api/v1/directory): caseworkers and
-- supervisors see a colleague's name where the API gives an id (a case's
-- assignee, a consent's recorder, a referral's sender) and pick an assignee.
-- Classification (0003): a staff member's name is personal data of staff, not
-- of victims. Row-level security lets a person read only their own row of
-- users, and a wider policy would open every column (email, password hash,
-- second factor). This function opens only the id, name, role and team of the
-- lead agency's active caseworkers and supervisors, only to caseworkers and
-- supervisors; never partners, admins, auditors or coordinators, never an email.
CREATE FUNCTION staff_directory()
RETURNS TABLE (id uuid, display_name text, role text, team_id uuid)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  IF actor_role IS NULL OR actor_role NOT IN ('caseworker', 'supervisor') THEN
    RAISE EXCEPTION 'the staff directory is for caseworkers and supervisors'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('app.actor_role', 'system', true);
  RETURN QUERY
    SELECT u.id, u.display_name, u.role, u.team_id
    FROM users u JOIN institutions i ON i.id = u.institution_id
    WHERE i.is_lead_agency AND i.disabled_at IS NULL
      AND u.active AND u.role IN ('caseworker', 'supervisor')
    ORDER BY u.display_name, u.id;
  PERFORM set_config('app.actor_role', actor_role, true);
END
$$;
REVOKE ALL ON FUNCTION staff_directory() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_directory() TO amparo_app;
