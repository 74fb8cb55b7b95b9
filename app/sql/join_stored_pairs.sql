-- Stored two-file documents (a joined publication or an X.part1/X.part2
-- group): an ingest regroups their files before parsing when their bytes
-- are unchanged (app/join.go), so a rerun skips them unparsed.
SELECT doc_id, source_paths[1], source_paths[2]
FROM core.documents
WHERE len(source_paths) = 2;
