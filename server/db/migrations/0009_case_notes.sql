-- Case notes: append-only, the text encrypted with the case's data key
-- (bound to case_notes | body | note id), so erasing the case erases them too.
CREATE TABLE case_notes (
  id         uuid PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES cases (id),
  author_id  uuid NOT NULL REFERENCES users (id),
  body_enc   bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notes_case ON case_notes (case_id, created_at);

GRANT SELECT, INSERT ON case_notes TO amparo_app;
-- For every append-only table of case content (notes, attachments): rows are
-- never changed or deleted, not even by the owner.
CREATE FUNCTION refuse_row_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER case_notes_append_only BEFORE UPDATE OR DELETE ON case_notes
  FOR EACH ROW EXECUTE FUNCTION refuse_row_change();

ALTER TABLE case_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY case_notes_by_case ON case_notes
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_notes.case_id))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_notes.case_id)
              AND author_id = nullif(current_setting('app.actor_id', true), '')::uuid);
