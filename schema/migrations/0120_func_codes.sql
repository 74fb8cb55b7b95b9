-- 0120: functional-code identity across years (package identity, issue 9).
-- Replaces the placeholder func_codes view of 0090. Reads loaded documents
-- only, and the crosswalk of 0110.

-- One row per code × fiscal year × wording as published by loaded documents.
-- name_key drops whitespace (PDF text often spaces out characters) so that
-- wordings differing only by spaces count as one.
CREATE OR REPLACE VIEW func_code_names AS
SELECT f.code, d.fiscal_year,
       f.name,
       regexp_replace(f.name, '[\s\x{3000}]', '', 'g') AS name_key,
       count(DISTINCT f.doc_id) AS documents,
       list(DISTINCT f.doc_id ORDER BY f.doc_id) AS doc_ids
FROM core.func_amounts f JOIN core.documents d USING (doc_id)
WHERE d.status = 'loaded' AND d.fiscal_year IS NOT NULL AND f.name IS NOT NULL AND trim(f.name) <> ''
GROUP BY f.code, d.fiscal_year, f.name;

CREATE OR REPLACE VIEW func_codes AS
WITH per_key AS (
    SELECT code, fiscal_year, name_key,
           first(name ORDER BY documents DESC, name <> name_key, name) AS name,
           sum(documents) AS documents
    FROM func_code_names
    GROUP BY code, fiscal_year, name_key
),
per_year AS (
    SELECT code, fiscal_year,
           first(name ORDER BY documents DESC, name) AS name,
           first(name_key ORDER BY documents DESC, name) AS name_key,
           count(*) AS wordings,
           list({'name': name, 'documents': documents} ORDER BY documents DESC, name) AS names
    FROM per_key
    GROUP BY code, fiscal_year
),
used AS (
    SELECT f.code, d.fiscal_year, count(DISTINCT f.doc_id) AS documents, mode(f.level) AS level
    FROM core.func_amounts f JOIN core.documents d USING (doc_id)
    WHERE d.status = 'loaded' AND d.fiscal_year IS NOT NULL
    GROUP BY f.code, d.fiscal_year
),
joined AS (
    SELECT u.code, u.fiscal_year, p.name, p.name_key,
           coalesce(u.level, CASE length(u.code) WHEN 3 THEN 'class' WHEN 5 THEN 'section' WHEN 7 THEN 'item' END) AS level,
           u.documents, coalesce(p.wordings, 0) AS wordings, p.names,
           lag(p.name) OVER w AS prev_name,
           lag(p.name_key) OVER w AS prev_key,
           lag(u.fiscal_year) OVER w AS prev_year
    FROM used u LEFT JOIN per_year p USING (code, fiscal_year)
    WINDOW w AS (PARTITION BY u.code ORDER BY u.fiscal_year)
),
crosswalk AS (
    SELECT code, until_year,
           list(successor_code ORDER BY successor_code) AS successor_codes,
           first(successor_name ORDER BY successor_code) AS successor_name,
           first(relation ORDER BY successor_code) AS relation
    FROM core.func_crosswalk
    GROUP BY code, until_year
)
SELECT j.code, j.fiscal_year, j.name, j.level,
       CASE WHEN j.prev_key IS NOT NULL AND j.name_key IS NOT NULL AND j.prev_key <> j.name_key
            THEN j.prev_name END AS renamed_from,
       CASE WHEN j.prev_key IS NOT NULL AND j.name_key IS NOT NULL AND j.prev_key <> j.name_key
            THEN j.prev_year END AS renamed_from_year,
       x.successor_codes[1] AS successor_code,
       x.successor_codes,
       x.successor_name,
       x.relation AS crosswalk_relation,
       x.until_year AS crosswalk_until_year,
       j.documents,
       j.wordings,
       j.names
FROM joined j
LEFT JOIN crosswalk x ON x.code = j.code AND j.fiscal_year <= x.until_year
QUALIFY row_number() OVER (PARTITION BY j.code, j.fiscal_year ORDER BY x.until_year NULLS LAST) = 1;

-- A code named differently by documents of one year (func_codes.wordings > 1)
-- is reported by the checks package as corpus.func_name (check.Corpus), which
-- compares wordings the same way (whitespace ignored).
