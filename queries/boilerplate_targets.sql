-- name: boilerplate_targets
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
norms AS (
    -- compare texts without punctuation, spaces and width differences;
    -- normalised once per distinct text (boilerplate repeats them)
    SELECT kind, text, regexp_replace(lower(text), '[\s\p{P}]', '', 'g') AS norm
    FROM (SELECT DISTINCT kind, text FROM t)
),
texts AS (
    -- the text shown for a normalised text: its smallest wording
    SELECT kind, norm, min(text) AS text FROM norms GROUP BY kind, norm
),
per_project AS (
    -- a text counts once per project (doc_id, project)
    SELECT DISTINCT t.kind, n.norm, t.doc_id, t.project, t.department_id
    FROM t JOIN norms n USING (kind, text)
),
agg AS (
    SELECT kind, norm, count(*) AS projects, count(DISTINCT department_id) AS departments,
           array_to_string(list_sort(list(DISTINCT project)), '；') AS project_names
    FROM per_project
    GROUP BY kind, norm
    HAVING count(*) >= $min_projects
)
SELECT a.kind, x.text, a.projects, a.departments, a.project_names
FROM agg a JOIN texts x USING (kind, norm)
ORDER BY a.kind DESC, a.projects DESC, a.departments DESC, x.text;
