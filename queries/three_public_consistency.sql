-- name: three_public_consistency
-- description: Compares each document's 三公 total in its 三公 table with the matching lines of its economic-classification table (30212, 30217, 30231, 31013) and with the figure stated in the prose, and flags the differences.
-- params: tolerance_yuan decimal 0.01
--
-- The economic table of a budget usually covers basic expenditure only, so
-- a gap there is a lead to read, not proof of an error; the prose should
-- equal the table exactly.
WITH docs AS (
    SELECT doc_id, department_id, department, fiscal_year, kind, level
    FROM documents WHERE status = 'loaded'
),
tbl AS (
    SELECT doc_id,
           max(amount_yuan) FILTER (WHERE item = 'total') AS table_yuan
    FROM three_public
    WHERE measure IN ('total', 'final_account')
    GROUP BY doc_id
),
econ AS (
    SELECT doc_id, sum(amount_yuan) AS econ_yuan, count(*) AS econ_lines
    FROM (
        SELECT DISTINCT doc_id, code, amount_yuan
        FROM econ_amounts
        WHERE scheme = 'department' AND measure IN ('total', 'final_account')
          AND code IN ('30212', '30217', '30231', '31013')
    )
    GROUP BY doc_id
),
prose AS (
    SELECT doc_id, max(value) AS prose_yuan
    FROM narrative_facts
    WHERE fact = 'three_public_total' AND unit IN ('元', 'yuan')
    GROUP BY doc_id
)
SELECT
    d.department_id,
    d.department,
    d.fiscal_year,
    d.kind,
    d.level,
    t.table_yuan,
    CAST(e.econ_yuan AS DECIMAL(20,2)) AS econ_yuan,
    CAST(p.prose_yuan AS DECIMAL(20,2)) AS prose_yuan,
    CAST(e.econ_yuan - t.table_yuan AS DECIMAL(20,2)) AS econ_minus_table_yuan,
    CAST(p.prose_yuan - t.table_yuan AS DECIMAL(20,2)) AS prose_minus_table_yuan,
    CASE
        WHEN t.table_yuan IS NULL THEN 'no_table'
        WHEN p.prose_yuan IS NOT NULL AND abs(p.prose_yuan - t.table_yuan) > CAST($tolerance_yuan AS DECIMAL(20,2)) THEN 'prose_differs'
        WHEN e.econ_yuan IS NOT NULL AND abs(e.econ_yuan - t.table_yuan) > CAST($tolerance_yuan AS DECIMAL(20,2)) THEN 'econ_differs'
        WHEN p.prose_yuan IS NULL AND e.econ_yuan IS NULL THEN 'table_only'
        ELSE 'consistent'
    END AS status
FROM docs d
LEFT JOIN tbl t USING (doc_id)
LEFT JOIN econ e USING (doc_id)
LEFT JOIN prose p USING (doc_id)
WHERE t.table_yuan IS NOT NULL OR e.econ_yuan IS NOT NULL OR p.prose_yuan IS NOT NULL
ORDER BY d.department_id, d.fiscal_year, d.kind, d.level, d.doc_id;
