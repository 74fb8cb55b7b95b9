-- Copy every row of the shard's documents that the output warehouse does not
-- hold yet, table by table; a doc_id already stored is left as it is. The
-- document rows come last: until then "not in core.documents" is exactly
-- "new to this warehouse". Columns are matched by name. Cross-document
-- findings (core.corpus_findings) are not copied: they are recomputed over
-- the merged warehouse afterwards.
INSERT INTO core.doc_tables BY NAME SELECT * FROM budgetwh_shard.core.doc_tables WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.totals BY NAME SELECT * FROM budgetwh_shard.core.totals WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.func_amounts BY NAME SELECT * FROM budgetwh_shard.core.func_amounts WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.econ_amounts BY NAME SELECT * FROM budgetwh_shard.core.econ_amounts WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.three_public BY NAME SELECT * FROM budgetwh_shard.core.three_public WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.projects BY NAME SELECT * FROM budgetwh_shard.core.projects WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.project_funds BY NAME SELECT * FROM budgetwh_shard.core.project_funds WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.perf_forms BY NAME SELECT * FROM budgetwh_shard.core.perf_forms WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.form_sources BY NAME SELECT * FROM budgetwh_shard.core.form_sources WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.form_fields BY NAME SELECT * FROM budgetwh_shard.core.form_fields WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.indicators BY NAME SELECT * FROM budgetwh_shard.core.indicators WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.narrative_facts BY NAME SELECT * FROM budgetwh_shard.core.narrative_facts WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.paragraphs BY NAME SELECT * FROM budgetwh_shard.core.paragraphs WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.unaccounted_lines BY NAME SELECT * FROM budgetwh_shard.core.unaccounted_lines WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.generic_cells BY NAME SELECT * FROM budgetwh_shard.core.generic_cells WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.findings BY NAME SELECT * FROM budgetwh_shard.core.findings WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.raw_text BY NAME SELECT * FROM budgetwh_shard.core.raw_text WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
INSERT INTO core.documents BY NAME SELECT * FROM budgetwh_shard.core.documents WHERE doc_id NOT IN (SELECT doc_id FROM core.documents);
