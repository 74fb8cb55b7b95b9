-- name: delete_year
-- description: remove a year's rollup rows (every rollup table).
DELETE FROM rollup_department_year WHERE fiscal_year = $1;
DELETE FROM rollup_region_year WHERE fiscal_year = $1;
DELETE FROM rollup_three_public_year WHERE fiscal_year = $1;
DELETE FROM rollup_indicator_year WHERE fiscal_year = $1;
