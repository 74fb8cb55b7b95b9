package interpret

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/pdf"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
)

// TestInterpret_realPDFs reads real Shanghai and Jiangsu PDFs of the development
// corpus (../shared/corpus/real) and checks that the generic recognition
// and interpretation account for every line and find figures the corpus
// README states (transcribed from the PDFs, in yuan). Slow (PDFium start-up):
// skipped with -short.
func TestInterpret_realPDFs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads PDFs: slow")
	}
	dir := filepath.Join(testutil.CorpusDir(t), "real")
	tests := []struct {
		file   string
		totals map[string]string // key/source_table/measure → yuan
	}{
		{"sh-putuo-caizhengju-2024-bumen-juesuan.pdf", map[string]string{
			"grand_income_total/summary/final_account":        "29953900",
			"grand_income_total/fiscal_summary/final_account": "29616800",
			"personnel/basic_econ/total":                      "21522600",
			"public/basic_econ/total":                         "1846500",
		}},
		{"sh-putuo-sifaju-2026-bumen-yusuan.pdf", map[string]string{
			"grand_income_total/summary/total":      "96282213.44",
			"grand_expenditure_total/summary/total": "96282213.44",
		}},
		{"sh-putuo-zhengfubangongshi-2025-danwei-yusuan.pdf", nil},
		// README: "in #2 the totals are 17,981.68 vs 17,996.68" (财政拨款
		// tables vs 收支预算总表, the difference being 其他资金).
		{"js-renminjianchayuan-2017-bumen-yusuan.pdf", map[string]string{
			"income_total/summary/total":        "179966800",
			"income_total/fiscal_summary/total": "179816800",
			"reserve/summary/total":             "1402000",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Skipf("corpus file: %v", err)
			}
			d, err := pdf.Read(context.Background(), tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			out := Interpret(context.Background(), d)
			if len(out.Unaccounted) != 0 {
				t.Errorf("%d unaccounted lines, first %+v", len(out.Unaccounted), out.Unaccounted[0])
			}
			if len(out.Quarantine) != 0 {
				t.Errorf("quarantined: %v", out.Quarantine)
			}
			for _, f := range out.Findings {
				if f.Severity == model.SeverityError {
					t.Errorf("error finding %+v", f)
				}
			}
			for k, want := range tt.totals {
				found := false
				for _, tot := range out.Totals {
					if tot.Key+"/"+tot.SourceTable+"/"+tot.Measure == k {
						found = true
						if !tot.Amount.Equal(yuan(want)) {
							t.Errorf("%s = %s, want %s", k, tot.Amount, want)
						}
					}
				}
				if !found {
					t.Errorf("total %s missing", k)
				}
			}
			if out.Identity.FiscalYear == 0 || out.Identity.Department == "" || out.Identity.TableUnit == "" {
				t.Errorf("identity %+v", out.Identity)
			}
		})
	}
}
