-- name: count
-- description: rows of one view ({{view}}: quoted identifier from the fixed list).
SELECT count(*) FROM {{view}};
