-- 0100: department identity and functional-code identity (package identity,
-- issue 9). Replaces the placeholder views of 0090. department_id itself is
-- computed in Go (identity.Assign) before a document is written, so that it
-- is the same in every warehouse and shard; these views only group by it.

-- Every published wording of a department, one row per document × wording:
-- the table name (source 'table') and the other wordings the document uses
-- (narrative title, form header: source 'other').
CREATE OR REPLACE VIEW department_wordings AS
WITH expanded AS (
    SELECT d.department_id, d.doc_id, d.fiscal_year, d.kind, d.level, d.status,
           d.department_code, d.region,
           unnest(list_prepend(d.department, coalesce(d.department_names, []::VARCHAR[]))) AS wording,
           unnest(list_prepend('table', list_transform(coalesce(d.department_names, []::VARCHAR[]), x -> 'other'))) AS source
    FROM core.documents d
    WHERE d.department_id IS NOT NULL
)
SELECT department_id, doc_id, fiscal_year, kind, level, status, department_code, region,
       trim(wording) AS wording,
       max(source) AS source,   -- 'table' > 'other': a wording printed in the tables is a table wording
       regexp_matches(upper(wording), '(XX|ＸＸ|××|某某|\*\*)') AS placeholder
FROM expanded
WHERE wording IS NOT NULL AND trim(wording) <> ''
GROUP BY ALL;

CREATE OR REPLACE VIEW departments AS
WITH w AS (
    SELECT *, source AS src FROM department_wordings
),
names AS (
    SELECT department_id, wording,
           list(DISTINCT fiscal_year ORDER BY fiscal_year) FILTER (WHERE fiscal_year IS NOT NULL) AS years,
           max(src) AS source,
           count(DISTINCT doc_id) AS documents,
           bool_or(placeholder) AS placeholder
    FROM w
    GROUP BY department_id, wording
),
docs AS (
    SELECT department_id,
           first(department ORDER BY regexp_matches(upper(coalesce(department, 'XX')), '(XX|ＸＸ|××|某某|\*\*)'),
                 fiscal_year DESC NULLS LAST, department) AS table_name,
           first(region ORDER BY fiscal_year DESC NULLS LAST, region) FILTER (WHERE region IS NOT NULL AND region <> '') AS region,
           first(department_code ORDER BY fiscal_year DESC NULLS LAST, department_code)
               FILTER (WHERE department_code IS NOT NULL AND department_code <> '') AS department_code,
           min(fiscal_year) AS first_year,
           max(fiscal_year) AS last_year,
           list(DISTINCT level ORDER BY level) FILTER (WHERE level IS NOT NULL) AS levels,
           count(*) FILTER (WHERE status = 'loaded') AS documents,
           count(*) AS versions
    FROM core.documents
    WHERE department_id IS NOT NULL
    GROUP BY department_id
),
evidence AS (
    -- a published code qualified by region (identity.Assign's first rule)
    SELECT department_id, 1 AS ord,
           'department code ' || department_code || ' published in region ' || region
               || ' (' || count(*) || ' document' || CASE WHEN count(*) > 1 THEN 's' ELSE '' END || ')' AS line
    FROM core.documents
    WHERE department_id IS NOT NULL AND coalesce(department_code, '') <> '' AND coalesce(region, '') <> ''
    GROUP BY department_id, department_code, region
    UNION ALL
    -- the name the identity was derived from, where no code decided it
    SELECT department_id, 2,
           'identity from the normalised name of ' || department
    FROM core.documents
    WHERE department_id IS NOT NULL AND department IS NOT NULL
      AND NOT regexp_matches(upper(department), '(XX|ＸＸ|××|某某|\*\*)')
      AND (coalesce(department_code, '') = '' OR coalesce(region, '') = '')
    GROUP BY department_id, department
    UNION ALL
    -- table names of different documents that normalise to one name
    SELECT department_id, 2,
           'same normalised name: ' || string_agg(DISTINCT wording, ' = ' ORDER BY wording)
    FROM w
    WHERE src = 'table' AND NOT placeholder
    GROUP BY department_id
    HAVING count(DISTINCT wording) > 1
    UNION ALL
    -- several documents (years, department and unit levels) under one name
    SELECT department_id, 3,
           'one identity for ' || count(DISTINCT doc_id) || ' documents (years '
               || string_agg(DISTINCT CAST(fiscal_year AS VARCHAR), ', ' ORDER BY CAST(fiscal_year AS VARCHAR))
               || '; levels ' || string_agg(DISTINCT coalesce(level, '?'), ', ' ORDER BY coalesce(level, '?')) || ')'
    FROM w
    WHERE src = 'table'
    GROUP BY department_id
    HAVING count(DISTINCT doc_id) > 1
    UNION ALL
    -- other wordings used inside a document next to its table name
    SELECT o.department_id, 4,
           'wording ' || o.wording || ' used beside ' || t.wording || ' in document ' || left(o.doc_id, 12)
    FROM w o JOIN w t ON t.doc_id = o.doc_id AND t.src = 'table'
    WHERE o.src = 'other' AND o.wording <> t.wording
    UNION ALL
    SELECT department_id, 5,
           'placeholder name ' || wording || ' in document ' || left(doc_id, 12) || ': never merged with another document'
    FROM w
    WHERE placeholder AND src = 'table'
)
SELECT d.department_id,
       coalesce(d.table_name, (SELECT first(n.wording ORDER BY n.documents DESC, n.wording) FROM names n
                               WHERE n.department_id = d.department_id AND NOT n.placeholder)) AS canonical_name,
       d.region,
       d.department_code,
       (SELECT list({'name': n.wording, 'years': n.years, 'source': n.source, 'documents': n.documents}
                    ORDER BY n.source DESC, n.years[1] NULLS LAST, n.wording)
        FROM names n WHERE n.department_id = d.department_id) AS names,
       coalesce((SELECT list(DISTINCT e.line ORDER BY e.line) FROM evidence e WHERE e.department_id = d.department_id), []::VARCHAR[]) AS evidence,
       d.first_year,
       d.last_year,
       d.levels,
       d.documents,
       d.versions
FROM docs d;

