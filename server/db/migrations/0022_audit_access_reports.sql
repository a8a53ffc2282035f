-- Access reports for auditors (GET /api/v1/audit/reports/...). Row-level
-- security keeps every case, consent and referral out of an auditor's sight,
-- and it must stay so: an auditor learns who opened a case, never what is in
-- it. These functions open exactly what a report needs, only to auditors, in
-- the style of staff_directory() (0020): check the caller's role, read as the
-- system, put the caller's role back.

-- A case by its number or its id (erased or not): its id and number, and the
-- audit resources that belong to it — the case itself, its consents, its
-- referrals and its break-glass grants. Identifiers only; no column of the
-- case's content.
CREATE FUNCTION audit_case_resources(p_case_number text, p_case_id uuid)
RETURNS TABLE (case_id uuid, case_number text, resource_type text, resource_id text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
  v_id     uuid;
  v_number text;
BEGIN
  IF actor_role IS DISTINCT FROM 'auditor' THEN
    RAISE EXCEPTION 'access reports are for auditors'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('app.actor_role', 'system', true);
  SELECT c.id, c.case_number INTO v_id, v_number
  FROM cases c
  WHERE (p_case_id IS NOT NULL AND c.id = p_case_id)
     OR (p_case_number IS NOT NULL AND c.case_number = p_case_number);
  IF FOUND THEN
    RETURN QUERY
      SELECT v_id, v_number, 'case'::text, v_id::text
      UNION ALL
      SELECT v_id, v_number, 'consent'::text, s.id::text FROM consents s WHERE s.case_id = v_id
      UNION ALL
      SELECT v_id, v_number, 'referral'::text, r.id::text FROM referrals r WHERE r.case_id = v_id
      UNION ALL
      -- Break-glass grants: their supervisors' reviews are events on the grant.
      SELECT v_id, v_number, 'case_access_grant'::text, g.id::text
      FROM case_access_grants g WHERE g.case_id = v_id;
  END IF;
  PERFORM set_config('app.actor_role', actor_role, true);
END
$$;
REVOKE ALL ON FUNCTION audit_case_resources(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_case_resources(text, uuid) TO amparo_app;

-- Readable names for the actors of audit events: a staff member's name, role
-- and institution (personal data of staff, which auditors may read; never an
-- email or a credential). p_ids NULL lists every account, for the auditor to
-- pick whose report to read; otherwise only the ids asked for.
CREATE FUNCTION audit_staff_names(p_ids uuid[])
RETURNS TABLE (id uuid, display_name text, role text, institution_id uuid,
               institution_name text, active boolean)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  IF actor_role IS DISTINCT FROM 'auditor' THEN
    RAISE EXCEPTION 'staff names in the audit console are for auditors'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('app.actor_role', 'system', true);
  RETURN QUERY
    SELECT u.id, u.display_name, u.role, u.institution_id, i.name, u.active
    FROM users u JOIN institutions i ON i.id = u.institution_id
    WHERE p_ids IS NULL OR u.id = ANY (p_ids)
    ORDER BY u.display_name, u.id;
  PERFORM set_config('app.actor_role', actor_role, true);
END
$$;
REVOKE ALL ON FUNCTION audit_staff_names(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_staff_names(uuid[]) TO amparo_app;

-- Institutions' names for events whose actor is an institution's system
-- (mutual TLS) or that name an institution. Institutions are not personal data.
CREATE FUNCTION audit_institution_names(p_ids uuid[])
RETURNS TABLE (id uuid, name text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  actor_role constant text := current_setting('app.actor_role', true);
BEGIN
  IF actor_role IS DISTINCT FROM 'auditor' THEN
    RAISE EXCEPTION 'institution names in the audit console are for auditors'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('app.actor_role', 'system', true);
  RETURN QUERY SELECT i.id, i.name FROM institutions i WHERE i.id = ANY (p_ids);
  PERFORM set_config('app.actor_role', actor_role, true);
END
$$;
REVOKE ALL ON FUNCTION audit_institution_names(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_institution_names(uuid[]) TO amparo_app;
