-- Department identities of the warehouse (view departments).
SELECT department_id, coalesce(canonical_name, ''), coalesce(region, ''), coalesce(department_code, '')
FROM departments
ORDER BY canonical_name, department_id;
