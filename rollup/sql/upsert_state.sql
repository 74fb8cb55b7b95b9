-- name: upsert_state
-- params: fiscal_year, fingerprint, documents, rollup_version, computed_at
INSERT INTO rollup_state (fiscal_year, fingerprint, documents, rollup_version, computed_at, generation)
VALUES ($1, $2, $3, $4, $5, 1)
ON CONFLICT (fiscal_year) DO UPDATE SET
    fingerprint = excluded.fingerprint,
    documents = excluded.documents,
    rollup_version = excluded.rollup_version,
    computed_at = excluded.computed_at,
    generation = rollup_state.generation + 1;
