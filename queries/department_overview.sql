-- name: department_overview
-- description: One row per loaded document (department, year, kind, level): total expenditure, basic and project spending, 三公, staff, number of projects and performance forms, and findings by severity.
-- params: fiscal_year int null, department_id text null
WITH docs AS (
    SELECT * FROM documents
    WHERE status = 'loaded'
      AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
      AND ($department_id IS NULL OR department_id = $department_id)
),
t AS (
    SELECT doc_id,
           coalesce(max(amount_yuan) FILTER (WHERE key = 'expenditure_total'), max(amount_yuan) FILTER (WHERE key = 'grand_expenditure_total')) AS expenditure_yuan,
           max(amount_yuan) FILTER (WHERE key = 'basic') AS basic_yuan,
           max(amount_yuan) FILTER (WHERE key = 'project') AS project_yuan
    FROM totals WHERE measure IN ('total', 'final_account')
    GROUP BY doc_id
),
tp AS (
    SELECT doc_id, max(amount_yuan) AS three_public_yuan
    FROM three_public WHERE item = 'total' AND measure IN ('total', 'final_account')
    GROUP BY doc_id
),
staff AS (
    SELECT doc_id, CAST(coalesce(max(value) FILTER (WHERE fact = 'staff_active'), max(value) FILTER (WHERE fact = 'staff_authorized')) AS BIGINT) AS staff
    FROM narrative_facts GROUP BY doc_id
),
pr AS (
    SELECT doc_id, count(*) AS projects, count(*) FILTER (WHERE has_performance_form) AS projects_with_form
    FROM projects GROUP BY doc_id
),
f AS (
    SELECT doc_id,
           count(*) FILTER (WHERE severity = 'error') AS errors,
           count(*) FILTER (WHERE severity = 'warning') AS warnings,
           count(*) FILTER (WHERE severity = 'info') AS infos
    FROM findings GROUP BY doc_id
)
SELECT
    d.department_id,
    d.department,
    d.region,
    d.fiscal_year,
    d.kind,
    d.level,
    t.expenditure_yuan,
    t.basic_yuan,
    t.project_yuan,
    tp.three_public_yuan,
    s.staff,
    coalesce(pr.projects, 0) AS projects,
    coalesce(pr.projects_with_form, 0) AS projects_with_form,
    coalesce(f.errors, 0) AS errors,
    coalesce(f.warnings, 0) AS warnings,
    coalesce(f.infos, 0) AS infos,
    d.doc_id
FROM docs d
LEFT JOIN t USING (doc_id)
LEFT JOIN tp USING (doc_id)
LEFT JOIN staff s USING (doc_id)
LEFT JOIN pr USING (doc_id)
LEFT JOIN f USING (doc_id)
ORDER BY d.department_id, d.fiscal_year, d.kind, d.level, d.doc_id;
