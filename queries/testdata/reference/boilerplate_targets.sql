-- name: ref_boilerplate_targets
-- description: Overall goals (总体目标) and indicator texts (三级指标 with its target value) repeated word for word across different projects or departments — a sign of copied, boilerplate targets.
-- params: min_projects int 2, scope text annual, level text department
--
-- Goals come from the perf_forms view (period_goal / annual_goal, a public
-- view beside the contract's); indicators from the indicators view. scope
-- picks the annual or period goal and targets (null = both). Texts are compared
-- without punctuation or spaces (， and , are the same). A text counts
-- once per project however often that project repeats it; level keeps one
-- publication level (null = both) so a 单位 budget repeating its 部门 budget's
-- forms does not count as copying.
WITH goals AS (
    SELECT 'overall_goal' AS kind, department_id, doc_id, coalesce(project, '(department)') AS project,
           trim(CASE WHEN $scope = 'period' THEN period_goal
                     WHEN $scope = 'annual' THEN annual_goal
                     ELSE coalesce(annual_goal, period_goal) END) AS text
    FROM perf_forms
    WHERE scope <> 'department'
      AND doc_id IN (SELECT doc_id FROM documents WHERE $level IS NULL OR level = $level)
),
targets AS (
    SELECT 'indicator' AS kind, department_id, doc_id, coalesce(project, '(department)') AS project,
           trim(level3) || ' = ' || trim(coalesce(value_text, '')) AS text
    FROM indicators
    WHERE ($scope IS NULL OR scope = $scope) AND coalesce(trim(level3), '') <> ''
      AND doc_id IN (SELECT doc_id FROM documents WHERE $level IS NULL OR level = $level)
),
t AS (
    SELECT * FROM goals WHERE coalesce(text, '') <> ''
    UNION ALL
    SELECT * FROM targets
),
n AS (
    -- compare texts without punctuation, spaces and width differences
    SELECT *, regexp_replace(lower(text), '[\s\p{P}]', '', 'g') AS norm FROM t
)
SELECT
    kind,
    min(text) AS text,
    count(DISTINCT doc_id || '|' || project) AS projects,
    count(DISTINCT department_id) AS departments,
    string_agg(DISTINCT project, '；' ORDER BY project) AS project_names
FROM n
GROUP BY kind, norm
HAVING count(DISTINCT doc_id || '|' || project) >= $min_projects
ORDER BY kind DESC, projects DESC, departments DESC, text;
