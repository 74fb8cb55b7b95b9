-- name: project_concentration
-- description: How concentrated each department-year's project spending is: number of projects, the share of the largest top_n projects, and the Herfindahl index (sum of squared shares, 0–10000; 10000 = a single project).
-- params: top_n int 5, fiscal_year int null
WITH p AS (
    SELECT pr.doc_id, d.department_id, d.department, d.fiscal_year, d.kind, d.level, pr.project, pr.amount_yuan,
           row_number() OVER (PARTITION BY pr.doc_id ORDER BY pr.amount_yuan DESC, pr.project) AS rn,
           sum(pr.amount_yuan) OVER (PARTITION BY pr.doc_id) AS total_yuan
    FROM projects pr JOIN documents d USING (doc_id)
    WHERE d.status = 'loaded' AND pr.amount_yuan > 0
      AND ($fiscal_year IS NULL OR d.fiscal_year = $fiscal_year)
)
SELECT
    department_id,
    department,
    fiscal_year,
    kind,
    level,
    count(*) AS projects,
    CAST(max(total_yuan) AS DECIMAL(20,2)) AS project_total_yuan,
    CAST(sum(amount_yuan) FILTER (WHERE rn <= $top_n) AS DECIMAL(20,2)) AS top_n_yuan,
    CAST(round(100 * sum(amount_yuan) FILTER (WHERE rn <= $top_n) / max(total_yuan), 2) AS DECIMAL(9,2)) AS top_n_share_pct,
    CAST(round(sum(power(10000.0 * amount_yuan / total_yuan, 2)) / 10000.0, 1) AS DECIMAL(9,1)) AS herfindahl,
    arg_max(project, amount_yuan) AS largest_project
FROM p
GROUP BY ALL
ORDER BY fiscal_year, herfindahl DESC, department_id, kind, level, department;
