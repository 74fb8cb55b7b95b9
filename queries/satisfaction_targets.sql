-- name: satisfaction_targets
-- description: Distribution of satisfaction (满意度) targets: how many indicators set each threshold (e.g. ≥95%), per year, with the number of departments using it.
-- params: fiscal_year int null, scope text null, level text department
WITH s AS (
    SELECT i.*
    FROM indicators i
    JOIN documents d ON d.doc_id = i.doc_id
    WHERE ($level IS NULL OR d.level = $level)
      AND (contains(coalesce(i.level1, ''), '满意') OR contains(coalesce(i.level2, ''), '满意') OR contains(coalesce(i.level3, ''), '满意'))
      AND ($fiscal_year IS NULL OR i.fiscal_year = $fiscal_year)
      AND ($scope IS NULL OR i.scope = $scope)
),
g AS (
    SELECT fiscal_year, coalesce(comparator, '') AS comparator, value_num AS threshold,
           coalesce(value_unit, '') AS unit,
           CASE WHEN value_num IS NULL THEN coalesce(value_text, '') END AS text_target,
           count(*) AS indicators, count(DISTINCT department_id) AS departments
    FROM s
    GROUP BY ALL
)
SELECT
    fiscal_year,
    comparator,
    CAST(threshold AS DECIMAL(12,2)) AS threshold,
    unit,
    coalesce(text_target, comparator || CAST(CAST(threshold AS DECIMAL(12,2)) AS VARCHAR) || unit) AS target,
    indicators,
    departments,
    CAST(round(100.0 * indicators / sum(indicators) OVER (PARTITION BY fiscal_year), 2) AS DECIMAL(9,2)) AS share_pct
FROM g
ORDER BY fiscal_year, threshold NULLS LAST, comparator, unit, target;
