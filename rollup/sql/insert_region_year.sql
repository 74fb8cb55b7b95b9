-- name: insert_region_year
-- description: region totals of a fiscal year, summed from its department rows.
INSERT INTO rollup_region_year
SELECT fiscal_year, region, kind, level,
       count(DISTINCT department_id)::INTEGER, sum(documents)::INTEGER,
       sum(income_total_yuan), sum(expenditure_total_yuan), sum(three_public_total_yuan),
       sum(project_amount_yuan), sum(projects)::INTEGER, sum(findings_error)::INTEGER
FROM rollup_department_year
WHERE fiscal_year = $1
GROUP BY fiscal_year, region, kind, level;
