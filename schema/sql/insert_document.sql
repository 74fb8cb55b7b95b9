INSERT INTO core.documents (
    doc_id, source_path, source_paths, source_format, department, department_names,
    department_code, department_id, region, fiscal_year, kind, level, table_unit,
    status, version_key, superseded_by, quarantine, ingested_at, parser_version,
    lines, consumed, unaccounted, facts, tables, bytes)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
