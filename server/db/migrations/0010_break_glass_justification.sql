-- A break-glass grant carries its written justification, encrypted with the
-- case's key (bound to case_access_grants | justification | grant id), so that
-- it is erased with the case. Supervisors review grants on their team's cases.
ALTER TABLE case_access_grants ADD COLUMN justification_enc bytea;
CREATE INDEX case_access_grants_case ON case_access_grants (case_id, created_at);
