-- name: columns
-- description: the columns of one view, no rows. {{view}} is a quoted
-- identifier from the fixed list of public views (identifiers cannot be bound).
SELECT * FROM {{view}} LIMIT 0;
