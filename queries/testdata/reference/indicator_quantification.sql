-- name: ref_indicator_quantification
-- description: Share of performance indicators with a measurable value (a number, with or without comparator and unit) per department and year, overall and by indicator level (一级/二级指标).
-- params: scope text null, fiscal_year int null, level text department
--
-- scope filters period / annual / department targets (null = all). Rows
-- with level1 and level2 NULL are the department-year totals. level keeps
-- one publication level (department/unit; null = both), so that the forms a
-- 单位 budget repeats from its 部门 budget are not counted twice.
SELECT
    i.department_id,
    any_value(i.department) AS department,
    i.fiscal_year,
    i.level1,
    i.level2,
    count(*) AS indicators,
    count(i.value_num) AS quantified,
    count(*) FILTER (WHERE i.value_num IS NOT NULL AND i.comparator IS NOT NULL) AS with_comparator,
    CAST(round(100.0 * count(i.value_num) / count(*), 2) AS DECIMAL(9,2)) AS quantified_pct
FROM indicators i
JOIN documents d ON d.doc_id = i.doc_id
WHERE ($scope IS NULL OR i.scope = $scope)
  AND ($level IS NULL OR d.level = $level)
  AND ($fiscal_year IS NULL OR i.fiscal_year = $fiscal_year)
  AND coalesce(i.value_text, '') <> ''
GROUP BY GROUPING SETS ((i.department_id, i.fiscal_year), (i.department_id, i.fiscal_year, i.level1, i.level2))
-- (test reference: a total sorts before a detail row whose 一级 and 二级
-- are both empty, as the library version specifies; the original left that
-- tie unordered)
ORDER BY i.department_id, i.fiscal_year, i.level1 NULLS FIRST, i.level2 NULLS FIRST,
         GROUPING(i.level1, i.level2) DESC;
