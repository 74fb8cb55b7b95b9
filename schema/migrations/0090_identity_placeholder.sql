-- 0090: placeholder identity views so that the contract's `departments` and
-- `func_codes` exist from the start. The identity engineer's migrations
-- (0100-0199) replace them with CREATE OR REPLACE VIEW; nothing else should
-- depend on the placeholder's internals.

CREATE OR REPLACE VIEW departments AS
SELECT coalesce(department_id, department) AS department_id,
       arg_max(department, fiscal_year) AS canonical_name,
       arg_max(region, fiscal_year) AS region,
       arg_max(department_code, fiscal_year) AS department_code,
       list(DISTINCT {'name': department, 'year': fiscal_year}) AS names,
       'placeholder: grouped by department_id or published name' AS evidence
FROM core.documents
WHERE department IS NOT NULL AND status <> 'quarantined'
GROUP BY ALL;

CREATE OR REPLACE VIEW func_codes AS
SELECT f.code, d.fiscal_year,
       mode(f.name) AS name,
       any_value(f.level) AS level,
       CAST(NULL AS VARCHAR) AS renamed_from,
       CAST(NULL AS VARCHAR) AS successor_code,
       count(DISTINCT f.doc_id) AS documents
FROM core.func_amounts f JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded'
GROUP BY f.code, d.fiscal_year;
