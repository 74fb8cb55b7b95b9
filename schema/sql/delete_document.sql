-- Every row of one document, table by table (used by a replacing write).
-- One statement per line group; each takes the doc_id as its only parameter.
DELETE FROM core.doc_tables WHERE doc_id = ?;
DELETE FROM core.totals WHERE doc_id = ?;
DELETE FROM core.func_amounts WHERE doc_id = ?;
DELETE FROM core.econ_amounts WHERE doc_id = ?;
DELETE FROM core.three_public WHERE doc_id = ?;
DELETE FROM core.projects WHERE doc_id = ?;
DELETE FROM core.project_funds WHERE doc_id = ?;
DELETE FROM core.perf_forms WHERE doc_id = ?;
DELETE FROM core.form_sources WHERE doc_id = ?;
DELETE FROM core.form_fields WHERE doc_id = ?;
DELETE FROM core.indicators WHERE doc_id = ?;
DELETE FROM core.narrative_facts WHERE doc_id = ?;
DELETE FROM core.paragraphs WHERE doc_id = ?;
DELETE FROM core.unaccounted_lines WHERE doc_id = ?;
DELETE FROM core.generic_cells WHERE doc_id = ?;
DELETE FROM core.findings WHERE doc_id = ?;
DELETE FROM core.corpus_findings WHERE doc_id = ?;
DELETE FROM core.raw_text WHERE doc_id = ?;
DELETE FROM core.documents WHERE doc_id = ?;
