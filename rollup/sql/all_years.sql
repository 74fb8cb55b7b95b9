-- name: all_years
-- description: every fiscal year with documents or with rollup rows.
SELECT fiscal_year FROM documents WHERE fiscal_year IS NOT NULL
UNION
SELECT fiscal_year FROM rollup_state
ORDER BY fiscal_year;
