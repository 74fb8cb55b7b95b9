-- corpus.func_name: a functional code whose name in one loaded document
-- differs from the name the other loaded documents of the same fiscal year
-- give it. Reads the contract views func_amounts and documents only.
-- Names are compared without whitespace (PDF text spaces characters out).
-- A wording is deviating when fewer documents use it than the most common
-- wording; when several wordings tie for most common, each is reported.
-- No parameters. Columns: doc_id, fiscal_year, code, name, expected,
-- expected_docs, docs, others, source_ref.
WITH named AS (
    SELECT f.doc_id, f.fiscal_year, f.code, f.name,
           regexp_replace(f.name, '[\s\x{3000}]', '', 'g') AS name_key,
           min(f.source_ref) AS source_ref
    FROM func_amounts f
    JOIN documents d ON d.doc_id = f.doc_id AND d.status = 'loaded'
    WHERE f.fiscal_year IS NOT NULL AND f.name IS NOT NULL AND trim(f.name) <> ''
    GROUP BY f.doc_id, f.fiscal_year, f.code, f.name
),
wordings AS (
    SELECT fiscal_year, code, name_key,
           min(name) AS name,
           count(DISTINCT doc_id) AS docs
    FROM named
    GROUP BY fiscal_year, code, name_key
),
ranked AS (
    SELECT w.*,
           max(docs) OVER (PARTITION BY fiscal_year, code) AS top_docs,
           count(*) OVER (PARTITION BY fiscal_year, code) AS n_wordings
    FROM wordings w
),
tops AS (
    SELECT fiscal_year, code,
           count(*) AS n_top,
           min(name) AS top_name,
           max(docs) AS top_docs,
           -- At most 10 wordings are listed: a code given thousands of
           -- names would otherwise repeat a huge list on every finding row.
           array_to_string(list(name || ' (' || docs || ')' ORDER BY docs DESC, name)[1:10], ', ')
               || CASE WHEN count(*) > 10 THEN ', … (' || count(*) || ' wordings)' ELSE '' END AS all_names
    FROM ranked
    WHERE docs = top_docs
    GROUP BY fiscal_year, code
)
SELECT n.doc_id, n.fiscal_year, n.code, n.name,
       t.top_name AS expected, t.top_docs AS expected_docs, r.docs,
       t.all_names AS others,
       n.source_ref
FROM named n
JOIN ranked r ON r.fiscal_year = n.fiscal_year AND r.code = n.code AND r.name_key = n.name_key
JOIN tops t ON t.fiscal_year = n.fiscal_year AND t.code = n.code
WHERE r.n_wordings > 1 AND (r.docs < r.top_docs OR t.n_top > 1)
ORDER BY n.fiscal_year, n.code, n.doc_id, n.name;
