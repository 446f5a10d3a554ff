-- Change log of the derived search rows, for the in-memory search index each API process keeps
-- (apps/api/src/modules/directory/directory.memory.ts). Every statement that writes search_documents, whoever
-- runs it (the editor, the HSDS import, the CLI, a cascade from a deleted service), takes the next
-- generation and records the services whose rows it touched. The UPDATE of the single search_state row holds
-- its lock until the writer commits, so generations become visible in order and without gaps: a reader that
-- has seen generation g needs only the changes after g.
CREATE TABLE search_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  generation bigint NOT NULL DEFAULT 0
);
INSERT INTO search_state DEFAULT VALUES;

-- service_id NULL: too many rows changed to list (a bulk reload); readers rebuild everything.
CREATE TABLE search_changes (
  generation bigint NOT NULL,
  service_id uuid,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_changes_generation_idx ON search_changes (generation);

CREATE FUNCTION relais_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  g bigint;
  ids uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT service_id) INTO ids FROM old_rows;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT service_id) INTO ids FROM new_rows;
  ELSE
    SELECT array_agg(DISTINCT x.service_id) INTO ids
      FROM (SELECT service_id FROM old_rows UNION ALL SELECT service_id FROM new_rows) x;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE search_state SET generation = generation + 1 RETURNING generation INTO g;
  IF cardinality(ids) > 2000 THEN
    INSERT INTO search_changes (generation, service_id) VALUES (g, NULL);
  ELSE
    INSERT INTO search_changes (generation, service_id) SELECT g, unnest(ids);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relais_search_changed();
CREATE TRIGGER search_documents_updated AFTER UPDATE ON search_documents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relais_search_changed();
CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relais_search_changed();
