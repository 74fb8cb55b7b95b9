-- 0003: findings of cross-document rules (e.g. corpus.func_name). They
-- depend on the whole warehouse, not on one document, so they live apart
-- from a document's own findings and are replaced wholesale after every
-- ingest run (Warehouse.ReplaceCorpusFindings). The findings view shows both.

CREATE TABLE core.corpus_findings (
    doc_id     VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    rule       VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    message    VARCHAR,
    expected   VARCHAR,
    actual     VARCHAR,
    source_ref VARCHAR
);

CREATE OR REPLACE VIEW findings AS
SELECT x.doc_id, d.department_id, d.fiscal_year, d.department, d.status,
       x.rule, x.severity, x.message, x.expected, x.actual, x.source_ref
FROM core.findings x JOIN core.documents d USING (doc_id)
UNION ALL
SELECT x.doc_id, d.department_id, d.fiscal_year, d.department, d.status,
       x.rule, x.severity, x.message, x.expected, x.actual, x.source_ref
FROM core.corpus_findings x JOIN core.documents d USING (doc_id);
