-- name: insert_department_year
-- description: one row per department, kind and level of a fiscal year.
-- headline: each loaded document's figure per totals key, taken from the
-- highest-priority table that prints it (收支总表 first), final-account
-- measure before the budget one.
INSERT INTO rollup_department_year
WITH docs AS (
    SELECT doc_id, department_id, department, region, kind, level, ingested_at
    FROM documents
    WHERE status = 'loaded' AND fiscal_year = $1
),
headline AS (
    SELECT doc_id, key,
           arg_min(amount_yuan, [CASE measure WHEN 'final_account' THEN 0 ELSE 1 END,
                                 CASE source_table WHEN 'summary' THEN 0 WHEN 'fiscal_summary' THEN 2 ELSE 1 END]) AS amount
    FROM totals
    WHERE fiscal_year = $1 AND measure IN ('total', 'final_account')
    GROUP BY doc_id, key
),
hl AS (
    SELECT doc_id,
           max(amount) FILTER (WHERE key = 'income_total') AS income_total,
           max(amount) FILTER (WHERE key = 'expenditure_total') AS expenditure_total,
           max(amount) FILTER (WHERE key = 'basic') AS basic,
           max(amount) FILTER (WHERE key = 'project') AS project,
           max(amount) FILTER (WHERE key = 'personnel') AS personnel,
           max(amount) FILTER (WHERE key = 'public') AS public
    FROM headline GROUP BY doc_id
),
tp AS (
    SELECT doc_id,
           arg_min(amount_yuan, [CASE measure WHEN 'final_account' THEN 0 ELSE 1 END]) AS amount
    FROM three_public
    WHERE fiscal_year = $1 AND item = 'total' AND measure IN ('total', 'final_account')
    GROUP BY doc_id
),
pr AS (
    SELECT doc_id, count(*) AS projects, count(*) FILTER (WHERE has_performance_form) AS with_form,
           sum(amount_yuan) AS amount
    FROM projects WHERE fiscal_year = $1 GROUP BY doc_id
),
ind AS (
    SELECT doc_id, count(*) AS n FROM indicators WHERE fiscal_year = $1 GROUP BY doc_id
),
fnd AS (
    SELECT doc_id, count(*) FILTER (WHERE severity = 'error') AS errors,
           count(*) FILTER (WHERE severity = 'warning') AS warnings
    FROM findings WHERE fiscal_year = $1 AND status = 'loaded' GROUP BY doc_id
)
SELECT $1::INTEGER AS fiscal_year, d.department_id, d.kind, d.level,
       arg_max(d.department, d.ingested_at), arg_max(d.region, d.ingested_at),
       count(*)::INTEGER,
       sum(hl.income_total), sum(hl.expenditure_total), sum(hl.basic), sum(hl.project),
       sum(hl.personnel), sum(hl.public),
       sum(tp.amount),
       coalesce(sum(pr.projects), 0)::INTEGER,
       coalesce(sum(pr.with_form), 0)::INTEGER,
       sum(pr.amount),
       coalesce(sum(ind.n), 0)::INTEGER,
       coalesce(sum(fnd.errors), 0)::INTEGER,
       coalesce(sum(fnd.warnings), 0)::INTEGER
FROM docs d
LEFT JOIN hl USING (doc_id)
LEFT JOIN tp USING (doc_id)
LEFT JOIN pr USING (doc_id)
LEFT JOIN ind USING (doc_id)
LEFT JOIN fnd USING (doc_id)
GROUP BY d.department_id, d.kind, d.level;
