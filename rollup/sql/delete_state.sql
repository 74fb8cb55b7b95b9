-- name: delete_state
DELETE FROM rollup_state WHERE fiscal_year = $1;
