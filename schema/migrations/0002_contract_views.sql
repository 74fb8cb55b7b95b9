-- 0002: the public views of docs/warehouse-contract.md. Analysts, queries,
-- exports and rollups read these names; columns may be added, never renamed
-- or removed without a migration. Fact views show only documents whose status
-- is 'loaded'; documents and findings show every version.

CREATE VIEW documents AS
SELECT d.doc_id, d.source_path, d.source_format, d.department_id, d.department,
       d.department_code, d.region, d.fiscal_year, d.kind, d.level, d.table_unit,
       d.status, d.ingested_at, d.parser_version,
       d.source_paths, d.superseded_by, d.quarantine, d.lines, d.consumed,
       d.unaccounted, d.facts, d.tables, d.bytes
FROM core.documents d;

CREATE VIEW totals AS
SELECT t.doc_id, d.department_id, d.fiscal_year, d.department, d.kind AS doc_kind, d.level AS doc_level,
       t.key, t.label, t.source_table, t.measure, t.amount_yuan, t.source_ref
FROM core.totals t JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded';

CREATE VIEW func_amounts AS
SELECT f.doc_id, d.department_id, d.fiscal_year, d.department, d.kind AS doc_kind, d.level AS doc_level,
       f.source_table, f.code, f.name, f.level, f.measure, f.amount_yuan, f.source_ref
FROM core.func_amounts f JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded';

CREATE VIEW econ_amounts AS
SELECT e.doc_id, d.department_id, d.fiscal_year, d.department, d.kind AS doc_kind, d.level AS doc_level,
       e.source_table, e.scheme, e.code, e.name, e.parent_code, e.measure, e.amount_yuan, e.source_ref
FROM core.econ_amounts e JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded';

CREATE VIEW three_public AS
SELECT t.doc_id, d.department_id, d.fiscal_year, d.department, d.kind AS doc_kind, d.level AS doc_level,
       t.source_table, t.item, t.label, t.measure, t.amount_yuan, t.source_ref
FROM core.three_public t JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded';

CREATE VIEW projects AS
SELECT p.doc_id, d.department_id, d.fiscal_year, d.department, d.kind AS doc_kind, d.level AS doc_level,
       p.source_table, p.budget_unit, p.project, p.amount_yuan,
       (p.form_seq IS NOT NULL) AS has_performance_form,
       f.period_total_yuan, f.annual_total_yuan,
       f.project AS form_project, p.match_score, p.seq AS project_seq, p.source_ref
FROM core.projects p JOIN core.documents d USING (doc_id)
LEFT JOIN core.perf_forms f ON f.doc_id = p.doc_id AND f.seq = p.form_seq
WHERE d.status = 'loaded';

CREATE VIEW indicators AS
SELECT i.doc_id, d.department_id, d.fiscal_year, d.department, d.kind AS doc_kind, d.level AS doc_level,
       CASE WHEN f.scope = 'department' THEN NULL ELSE f.project END AS project,
       i.scope, i.level1, i.level2, i.level3, i.value_text, i.comparator,
       i.value_num, i.value_unit, i.form_seq, i.source_ref
FROM core.indicators i JOIN core.documents d USING (doc_id)
JOIN core.perf_forms f ON f.doc_id = i.doc_id AND f.seq = i.form_seq
WHERE d.status = 'loaded';

CREATE VIEW narrative_facts AS
SELECT n.doc_id, d.department_id, d.fiscal_year, d.department, d.kind AS doc_kind, d.level AS doc_level,
       n.fact, n.value, n.unit, n.text, n.source_ref
FROM core.narrative_facts n JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded';

CREATE VIEW findings AS
SELECT x.doc_id, d.department_id, d.fiscal_year, d.department, d.status,
       x.rule, x.severity, x.message, x.expected, x.actual, x.source_ref
FROM core.findings x JOIN core.documents d USING (doc_id);

-- Views beyond the contract: everything else a document holds.

CREATE VIEW doc_tables AS
SELECT t.doc_id, d.department_id, d.fiscal_year, d.department,
       t.seq AS table_seq, t.kind, t.title, t.number, t.unit, t.data_rows, t.empty, t.note, t.source_ref
FROM core.doc_tables t JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded';

CREATE VIEW project_funds AS
SELECT p.doc_id, d.department_id, d.fiscal_year, d.department,
       p.project, p.seq AS project_seq, pf.measure, pf.amount_yuan, p.source_ref
FROM core.project_funds pf JOIN core.documents d USING (doc_id)
JOIN core.projects p ON p.doc_id = pf.doc_id AND p.seq = pf.project_seq
WHERE d.status = 'loaded';

CREATE VIEW perf_forms AS
SELECT f.doc_id, d.department_id, d.fiscal_year, d.department,
       f.seq AS form_seq, f.scope, f.title, f.project, f.department AS form_department,
       f.department_code AS form_department_code, f.implementer, f.attribute, f.period,
       f.period_total_yuan, f.annual_total_yuan, f.overview, f.basis, f.necessity,
       f.safeguards, f.plan, f.period_goal, f.annual_goal,
       p.project AS matched_project, f.match_score, f.source_ref
FROM core.perf_forms f JOIN core.documents d USING (doc_id)
LEFT JOIN core.projects p ON p.doc_id = f.doc_id AND p.seq = f.project_seq
WHERE d.status = 'loaded';

CREATE VIEW form_sources AS
SELECT s.doc_id, d.department_id, d.fiscal_year, d.department,
       s.form_seq, f.project, s.scope, s.label, s.amount_yuan, f.source_ref
FROM core.form_sources s JOIN core.documents d USING (doc_id)
JOIN core.perf_forms f ON f.doc_id = s.doc_id AND f.seq = s.form_seq
WHERE d.status = 'loaded';

CREATE VIEW form_fields AS
SELECT x.doc_id, d.department_id, d.fiscal_year, d.department,
       x.form_seq, f.project, x.label, x.value, x.source_ref
FROM core.form_fields x JOIN core.documents d USING (doc_id)
JOIN core.perf_forms f ON f.doc_id = x.doc_id AND f.seq = x.form_seq
WHERE d.status = 'loaded';

CREATE VIEW paragraphs AS
SELECT p.doc_id, d.department_id, d.fiscal_year, d.department,
       p.seq, p.section, p.text, p.source_ref
FROM core.paragraphs p JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded';

CREATE VIEW unaccounted_lines AS
SELECT u.doc_id, d.department_id, d.fiscal_year, d.department, d.status,
       u.seq, u.text, u.reason, u.source_ref
FROM core.unaccounted_lines u JOIN core.documents d USING (doc_id);

CREATE VIEW generic_cells AS
SELECT c.doc_id, d.department_id, d.fiscal_year, d.department,
       c.table_seq, t.kind AS table_kind, t.title AS table_title, c.row_no, c.col_no, c.text, c.source_ref
FROM core.generic_cells c JOIN core.documents d USING (doc_id)
LEFT JOIN core.doc_tables t ON t.doc_id = c.doc_id AND t.seq = c.table_seq
WHERE d.status = 'loaded';

CREATE VIEW raw_text AS
SELECT r.doc_id, d.status, d.source_path, r.text
FROM core.raw_text r JOIN core.documents d USING (doc_id);
