package identity_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/schema"
)

// BenchmarkSupersedeConflicts measures the rule over a warehouse of
// 2×pairs documents where every second one superseded the other under one
// department code, half of them under another department name (the
// 25,000-document synth defect of e47d433 had 10,980 such documents).
func BenchmarkSupersedeConflicts(b *testing.B) {
	for _, pairs := range []int{1000, 12500} {
		b.Run(fmt.Sprint(pairs), func(b *testing.B) {
			ctx := context.Background()
			w, err := schema.Open(ctx, "", schema.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			_, err = w.DB().ExecContext(ctx, `INSERT INTO core.documents (
				doc_id, source_path, source_paths, source_format, department, department_names,
				department_code, department_id, region, fiscal_year, kind, level, table_unit,
				status, version_key, superseded_by, quarantine, ingested_at, parser_version,
				lines, consumed, unaccounted, facts, tables, bytes)
			SELECT 'doc' || i || '-' || v, 'f', ['f'], 'text',
				CASE WHEN v = 1 AND i % 2 = 0 THEN '某省某市社会事务局' || i ELSE '某省某市经济科技发展部' || i END,
				['某省某市经济科技发展部' || i], '' || i, 'd_' || i, '某省某市', 2024, 'budget', 'department', '元',
				CASE WHEN v = 0 THEN 'superseded' ELSE 'loaded' END, 'id:d_' || i || '|2024|budget|department',
				CASE WHEN v = 0 THEN 'doc' || i || '-1' END, [], TIMESTAMP '2026-01-01' + INTERVAL (v) SECOND, 'bench',
				1, 1, 0, 0, 0, 1
			FROM range(?) t(i), range(2) u(v)`, pairs)
			if err != nil {
				b.Fatal(err)
			}
			a, err := identity.DefaultAliases()
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				cs, err := identity.SupersedeConflicts(ctx, w.DB(), a)
				if err != nil {
					b.Fatal(err)
				}
				if len(cs) != pairs/2 {
					b.Fatalf("%d conflicts, want %d", len(cs), pairs/2)
				}
			}
		})
	}
}
