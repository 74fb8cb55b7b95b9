-- name: project_categories
-- description: Project spending per year grouped into keyword categories (奖励/补助, 规划/编制, 宣传, 演练/培训, 服务费/咨询, 建设/运营, …) kept in data/project_categories.csv; a project falls into the matching category with the lowest priority number, else 其他.
-- params: fiscal_year int null
-- data: project_categories
WITH p AS (
    SELECT pr.doc_id, d.fiscal_year, pr.project, pr.amount_yuan
    FROM projects pr JOIN documents d USING (doc_id)
    WHERE d.status = 'loaded' AND ($fiscal_year IS NULL OR d.fiscal_year = $fiscal_year)
),
matched AS (
    SELECT p.doc_id, p.fiscal_year, p.project, p.amount_yuan,
           coalesce(arg_min(c.category, CAST(c.priority AS INTEGER)), '其他') AS category
    FROM p
    LEFT JOIN project_categories c ON contains(p.project, c.keyword)
    GROUP BY ALL
)
SELECT
    fiscal_year,
    category,
    count(*) AS projects,
    count(DISTINCT doc_id) AS documents,
    CAST(sum(amount_yuan) AS DECIMAL(20,2)) AS amount_yuan,
    CAST(round(100 * sum(amount_yuan) / sum(sum(amount_yuan)) OVER (PARTITION BY fiscal_year), 2) AS DECIMAL(9,2)) AS share_of_year_pct,
    string_agg(project, '；' ORDER BY amount_yuan DESC, project) AS examples
FROM matched
GROUP BY fiscal_year, category
ORDER BY fiscal_year, amount_yuan DESC, category;
