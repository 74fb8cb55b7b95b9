-- name: state
-- description: the stored fingerprint of a year.
SELECT fingerprint, rollup_version, generation FROM rollup_state WHERE fiscal_year = $1;
