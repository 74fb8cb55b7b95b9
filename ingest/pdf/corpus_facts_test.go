package pdf_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest"
	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/internal/testutil"
	"github.com/budgetwh/budgetwh/model"
	"github.com/shopspring/decimal"
)

// fact is one figure transcribed by hand from a corpus PDF (read with
// pdftotext -layout as a developer aid and checked against the page), in
// yuan. kind is "total" (model.Total keys) or "3p" (model.ThreePublic items);
// keys lists the keys that may carry it; measure, when set, must match.
type fact struct {
	kind    string
	keys    []string
	measure string
	yuan    string
}

var (
	incomeTotal      = []string{"grand_income_total", "income_total"}
	expenditureTotal = []string{"grand_expenditure_total", "expenditure_total"}
)

func tot(keys []string, yuan string) fact { return fact{kind: "total", keys: keys, yuan: yuan} }
func key(k, yuan string) fact             { return fact{kind: "total", keys: []string{k}, yuan: yuan} }
func tp(item, yuan string) fact           { return fact{kind: "3p", keys: []string{item}, yuan: yuan} }
func tpm(item, measure, yuan string) fact {
	return fact{kind: "3p", keys: []string{item}, measure: measure, yuan: yuan}
}

// jiangsu3p gives a Jiangsu 三公+会议费+培训费 row: 合计, 三公小计, 出国,
// 公务用车小计, 购置, 运行, 接待, 会议, 培训 (yuan, "" where the cell is blank).
func jiangsu3p(all, sub, out, car, buy, run, rec, meet, train string) []fact {
	fs := []fact{tp("total_with_meeting_training", all), tp("total", sub), tp("outbound", out), tp("vehicle_total", car),
		tp("vehicle_operation", run), tp("reception", rec), tp("meeting", meet), tp("training", train)}
	if buy != "" {
		fs = append(fs, tp("vehicle_purchase", buy))
	}
	return fs
}

// shanghai3p gives a Shanghai 预算 三公 row (万元 in the PDF, yuan here):
// 合计, 出国, 接待, 公务用车小计, 购置, 运行 ("" where blank).
func shanghai3p(total, out, rec, car, buy, run string) []fact {
	var fs []fact
	for _, f := range []fact{tp("total", total), tp("outbound", out), tp("reception", rec), tp("vehicle_total", car), tp("vehicle_purchase", buy), tp("vehicle_operation", run)} {
		if f.yuan != "" {
			fs = append(fs, f)
		}
	}
	return fs
}

func join(fss ...[]fact) []fact {
	var out []fact
	for _, fs := range fss {
		out = append(out, fs...)
	}
	return out
}

// TestCorpusFacts reads every publication of the real corpus through
// ingest.Read (PDF reader, parts joined) and interpret.Interpret, and checks
// the 收支总表 totals, the 基本/项目 split and the 三公 figures.
func TestCorpusFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every corpus PDF")
	}
	dir := filepath.Join(testutil.CorpusDir(t), "real")
	tests := []struct {
		file  string
		facts []fact
		empty bool // the blank template: no facts at all
	}{
		{"js-rendabangongting-2017-bumen-yusuan.pdf", join([]fact{
			tot(incomeTotal, "136490700"), tot(expenditureTotal, "136490700"),
			key("basic", "76666800"), key("project", "58539600"), key("reserve", "1284300"),
		}, jiangsu3p("25426000", "8336000", "2225000", "1836000", "0", "1836000", "4275000", "13052500", "4037500")), false},
		{"js-renminjianchayuan-2017-bumen-yusuan.pdf", join([]fact{
			tot(incomeTotal, "179966800"), tot(expenditureTotal, "179966800"),
			key("basic", "123234800"), key("project", "55330000"), key("reserve", "1402000"),
		}, jiangsu3p("14523500", "5843500", "1100000", "3178000", "500000", "2678000", "1565500", "1680000", "7000000")), false},
		{"js-shengweibangongting-2017-bumen-yusuan.part1.pdf", join([]fact{
			tot(incomeTotal, "208494500"), tot(expenditureTotal, "208494500"),
			key("basic", "99640700"), key("project", "106886600"), key("reserve", "1967200"),
		}, jiangsu3p("14677000", "5092000", "700000", "4112000", "", "4112000", "280000", "9335000", "250000")), false},
		{"js-zhengxiebangongting-2017-bumen-yusuan.part1.pdf", join([]fact{
			tot(incomeTotal, "91467900"), tot(expenditureTotal, "91467900"),
			key("basic", "59162700"), key("project", "31236800"), key("reserve", "1068400"),
		}, jiangsu3p("18523200", "6761000", "760000", "1566000", "", "1566000", "4435000", "10946200", "816000")), false},
		{"js-gaojirenminfayuan-2017-bumen-yusuan.pdf", join([]fact{
			tot(incomeTotal, "288493800"), tot(expenditureTotal, "288493800"),
			key("basic", "171231900"), key("project", "115432700"), key("reserve", "1829200"),
		}, jiangsu3p("25993700", "6701200", "1800000", "3044000", "", "3044000", "1857200", "2280000", "17012500")), false},
		{"js-gaojirenminfayuan-2018-bumen-yusuan.pdf", join([]fact{
			tot(incomeTotal, "331721500"), tot(expenditureTotal, "331721500"),
			key("basic", "185708200"), key("project", "113432700"), key("reserve", "32580600"),
		}, jiangsu3p("25582600", "6207500", "1700000", "2668000", "", "2668000", "1839500", "2712600", "16662500")), false},
		{"js-shengweibangongting-2018-bumen-yusuan.part1.pdf", join([]fact{
			tot(incomeTotal, "244584300"), tot(expenditureTotal, "244584300"),
			key("basic", "104031100"), key("project", "120814600"), key("reserve", "19738600"),
		}, jiangsu3p("14717000", "5082000", "700000", "4112000", "", "4112000", "270000", "9335000", "300000")), false},
		{"sh-putuo-wanlijiedao-2023-bumen-yusuan.pdf", join([]fact{
			tot(incomeTotal, "164978640"), tot(expenditureTotal, "164978640"),
			key("basic", "99406297"), key("project", "65572343"),
		}, shanghai3p("229100", "0", "13500", "215600", "0", "215600")), false},
		{"sh-putuo-caizhengju-2024-bumen-juesuan.pdf", []fact{
			tot(incomeTotal, "29953900"), tot(expenditureTotal, "29953900"),
			key("basic", "23369100"), key("project", "6031400"),
			tpm("total", "budget", "9500"), tpm("reception", "budget", "9500"),
		}, false},
		{"sh-putuo-caizhengju-2024-bumen-juesuan-defects-inserted.pdf", []fact{
			tot(incomeTotal, "29953900"), tot(expenditureTotal, "29953900"),
		}, false},
		{"sh-putuo-sifaju-2026-bumen-yusuan.pdf", join([]fact{
			tot(incomeTotal, "96282213.44"), tot(expenditureTotal, "96282213.44"),
			key("basic", "25741666.44"), key("project", "70540547.00"),
		}, shanghai3p("108100", "0", "8300", "99800", "0", "99800")), false},
		{"sh-putuo-sifaju-2026-danwei-yusuan.pdf", join([]fact{
			tot(incomeTotal, "86959408.34"), tot(expenditureTotal, "86959408.34"),
			key("basic", "22118861"), key("project", "64840547.00"),
		}, shanghai3p("107100", "0", "7300", "99800", "0", "99800")), false},
		{"sh-putuo-zhengfubangongshi-2025-bumen-yusuan.pdf", join([]fact{
			tot(incomeTotal, "91016775.35"), tot(expenditureTotal, "91016775.35"),
			key("basic", "24606775.35"), key("project", "66410000.00"),
		}, shanghai3p("8675000", "8390000", "285000", "", "", "")), false},
		{"sh-putuo-zhengfubangongshi-2025-danwei-yusuan.pdf", join([]fact{
			tot(incomeTotal, "91016775.35"), tot(expenditureTotal, "91016775.35"),
			key("basic", "24606775.35"), key("project", "66410000.00"),
		}, shanghai3p("8675000", "8390000", "285000", "", "", "")), false},
		{"sh-xxju-2024-bumen-juesuan-blank-template.pdf", nil, true},
	}
	srcs, err := ingest.Discover([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]ingest.Source{}
	for _, s := range srcs {
		byName[filepath.Base(s.Name())] = s
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, ok := byName[tt.file]
			if !ok {
				t.Fatalf("%s not discovered as a publication", tt.file)
			}
			d, err := ingest.Read(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			dis := interpret.Interpret(context.Background(), d)
			if tt.empty {
				if n := len(dis.Totals) + len(dis.ThreePublic) + len(dis.FuncAmounts); n != 0 {
					t.Errorf("blank template gave %d facts, want none", n)
				}
				return
			}
			for _, f := range tt.facts {
				if !has(dis, f) {
					t.Errorf("no %s fact %v%s = %s yuan; got %s", f.kind, f.keys, measureNote(f), f.yuan, nearby(dis, f))
				}
			}
		})
	}
}

func measureNote(f fact) string {
	if f.measure == "" {
		return ""
	}
	return " (" + f.measure + ")"
}

func has(d *model.Disclosure, f fact) bool {
	want := decimal.RequireFromString(f.yuan)
	match := func(key, measure string, amount decimal.Decimal) bool {
		for _, k := range f.keys {
			if k == key && (f.measure == "" || f.measure == measure) && amount.Equal(want) {
				return true
			}
		}
		return false
	}
	switch f.kind {
	case "total":
		for _, t := range d.Totals {
			if match(t.Key, t.Measure, t.Amount) {
				return true
			}
		}
	case "3p":
		found := false
		for _, t := range d.ThreePublic {
			for _, k := range f.keys {
				if k == t.Item && (f.measure == "" || f.measure == t.Measure) {
					found = true
				}
			}
			if match(t.Item, t.Measure, t.Amount) {
				return true
			}
		}
		// A printed zero may be loaded as no fact at all.
		return !found && want.IsZero()
	}
	return false
}

// nearby lists the facts with the wanted keys, for the failure message.
func nearby(d *model.Disclosure, f fact) string {
	var out []string
	add := func(key, measure, table string, amount decimal.Decimal) {
		for _, k := range f.keys {
			if k == key {
				out = append(out, table+"/"+measure+"="+amount.String())
			}
		}
	}
	for _, t := range d.Totals {
		add(t.Key, t.Measure, t.SourceTable, t.Amount)
	}
	for _, t := range d.ThreePublic {
		add(t.Item, t.Measure, t.SourceTable, t.Amount)
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}
