-- name: three_public_per_head
-- description: 三公 spending per staff member for each department and year, using the staff numbers stated in the document (actual staff 实际在职 where given, else the authorised 编制数).
-- params: fiscal_year int null, measure text total
WITH docs AS (
    SELECT doc_id, department_id, department, region, fiscal_year, kind, level
    FROM documents
    WHERE status = 'loaded' AND ($fiscal_year IS NULL OR fiscal_year = $fiscal_year)
),
tp AS (
    SELECT doc_id, sum(amount_yuan) AS three_public_yuan
    FROM three_public WHERE item = 'total' AND measure = $measure
    GROUP BY doc_id
),
staff AS (
    SELECT doc_id,
           max(value) FILTER (WHERE fact = 'staff_active') AS staff_active,
           max(value) FILTER (WHERE fact = 'staff_authorized') AS staff_authorized
    FROM narrative_facts
    WHERE fact IN ('staff_active', 'staff_authorized')
    GROUP BY doc_id
)
SELECT
    d.department_id,
    d.department,
    d.fiscal_year,
    d.kind,
    d.level,
    tp.three_public_yuan,
    CAST(coalesce(s.staff_active, s.staff_authorized) AS BIGINT) AS staff,
    CASE WHEN s.staff_active IS NOT NULL THEN 'staff_active'
         WHEN s.staff_authorized IS NOT NULL THEN 'staff_authorized' END AS staff_basis,
    CAST(tp.three_public_yuan / nullif(coalesce(s.staff_active, s.staff_authorized), 0) AS DECIMAL(20,2)) AS per_head_yuan
FROM docs d
JOIN tp USING (doc_id)
LEFT JOIN staff s USING (doc_id)
ORDER BY per_head_yuan DESC NULLS LAST, d.department_id, d.fiscal_year, d.kind, d.level, d.doc_id;
