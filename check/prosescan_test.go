package check

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseMoneyText(t *testing.T) {
	tests := []struct {
		in   string
		want string
		prec string
		ok   bool
	}{
		{"≥289.79万", "2897900", "50", true},
		{"8万元一年", "80000", "5000", true},
		{"50,000元", "50000", "0.5", true},
		{"≥27.8万", "278000", "500", true},
		{"2亿", "200000000", "50000000", true},
		{"１０万", "100000", "5000", true},
		{"100%", "0", "0", false},
		{"1平台", "0", "0", false},
		{"提升", "0", "0", false},
		{"2024年", "0", "0", false},
	}
	for _, tt := range tests {
		got, prec, ok := parseMoneyText(tt.in)
		if ok != tt.ok || !got.Equal(decimal.RequireFromString(tt.want)) || !prec.Equal(decimal.RequireFromString(tt.prec)) {
			t.Errorf("parseMoneyText(%q) = %s ±%s %v, want %s ±%s %v", tt.in, got, prec, ok, tt.want, tt.prec, tt.ok)
		}
	}
}

func TestScanChanges(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		n          int
		consistent bool
	}{
		{"shanxi total (pattern B)", "2024年度…预算收入总计1,146.30万元，其中：本年收入1,146.30万元，上年结转0万元，比上年减少72.34万元，下降5.94%，主要原因是项目资金厉行节约", 1, true},
		{"shanxi wrong pct", "一般公共预算当年支出1,146.30万元,比上年减少72.34万元,下降6.94%", 1, false},
		{"shanghai correct (pattern A)", "2025年当年预算执行数为2149.45万元，2026年预算安排2170.39万元，比2025年预算执行数增加0.97%", 1, true},
		{"shanghai rounding of small amounts", "2025年当年预算执行数为0.50万元，2026年预算安排0.62万元，比2025年预算执行数增加22.22%", 1, true},
		{"checklist: 43269.3 vs 3845.49 增加17.62%", "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%", 1, false},
		{"checklist: 1690.69 → 1434.89 减少1.10%", "2025年当年预算执行数为1690.69万元，2026年预算安排1434.89万元，比2025年预算执行数减少1.10%", 1, false},
		{"checklist: 241.76 → 170.03 增加21.74%", "2025年当年预算执行数为241.76万元，2026年预算安排170.03万元，比2025年预算执行数增加21.74%", 1, false},
		{"direction word contradicts", "支出1,146.30万元,比上年减少72.34万元,增长5.94%", 1, false},
		{"no amounts", "比上年增长5%", 0, false},
		{"share is not a change", "基本支出438.5万元，占38.25%", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := scanChanges(compact(tt.in))
			if len(cs) != tt.n {
				t.Fatalf("got %d changes, want %d: %+v", len(cs), tt.n, cs)
			}
			if tt.n > 0 && cs[0].Consistent != tt.consistent {
				t.Errorf("consistent = %v, want %v (allowed %s–%s, stated %s)", cs[0].Consistent, tt.consistent, cs[0].Min, cs[0].Max, cs[0].Stated)
			}
		})
	}
}

func TestScanShares(t *testing.T) {
	in := compact("支出预算1146.3万元，其中：基本支出438.5万元，占38.25%；项目支出707.8万元，占61.57%。")
	ss := scanShares(in)
	if len(ss) != 2 {
		t.Fatalf("got %d shares, want 2", len(ss))
	}
	if ss[0].Label != "基本支出" {
		t.Errorf("label %q", ss[0].Label)
	}
	if !ss[0].Consistent {
		t.Errorf("38.25%% should be consistent: %s–%s", ss[0].Min, ss[0].Max)
	}
	if ss[1].Consistent {
		t.Errorf("61.57%% should not be consistent: %s–%s", ss[1].Min, ss[1].Max)
	}
	// A later whole in the same sentence (income then expenditure).
	ss = scanShares(compact("本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%"))
	if len(ss) != 3 || !ss[0].Consistent || !ss[1].Consistent || !ss[2].Consistent {
		t.Errorf("shares with two wholes: %+v", ss)
	}
}

func TestScanFuncMentions(t *testing.T) {
	in := compact("13、住房保障支出（221类）住房改革支出（02款）购房补贴（03项）207万元。主要用于：发放购房补贴。2025年当年预算执行数为\n241.76万元，2026年预算安排170.03万元，比2025年预算执行数增加21.74%。 11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）98.27万元。")
	ms := scanFuncMentions(in)
	if len(ms) != 2 {
		t.Fatalf("got %d mentions, want 2: %+v", len(ms), ms)
	}
	m := ms[0]
	if m.Code != "2210203" || m.Amount == nil || m.Amount.Text != "207万元" || m.Planned == nil || m.Planned.Text != "170.03万元" {
		t.Errorf("first mention: %+v amount %+v planned %+v", m, m.Amount, m.Planned)
	}
	if ms[1].Code != "2101101" || ms[1].Names[0] != "医疗卫生与计划生育支出" || ms[1].Planned != nil {
		t.Errorf("second mention: %+v", ms[1])
	}
}

func FuzzParseMoneyText(f *testing.F) {
	for _, s := range []string{"≥289.79万", "8万元一年", "50,000元", "1.2.3万", "9999999999999999999999万", ",万", "0.元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, p, ok := parseMoneyText(s)
		if ok && (v.Sign() < 0 || p.Sign() <= 0) {
			t.Errorf("parseMoneyText(%q) = %s ±%s", s, v, p)
		}
	})
}

func FuzzScanProse(f *testing.F) {
	for _, s := range shanxiParagraphs {
		f.Add(s.text)
	}
	f.Add("13、住房保障支出（221类）住房改革支出（02款）购房补贴（03项）207万元。2025年当年预算执行数为241.76万元，2026年预算安排170.03万元，比2025年预算执行数增加21.74%。主要原因是。")
	f.Add("0万元，比上年减少0万元，下降0%")
	f.Fuzz(func(t *testing.T, s string) {
		c := compact(s)
		for _, sent := range splitSentences(c) {
			for _, ch := range scanChanges(sent) {
				if ch.Min.GreaterThan(ch.Max) {
					t.Errorf("change bounds inverted in %q", s)
				}
			}
			for _, sh := range scanShares(sent) {
				if sh.Min.GreaterThan(sh.Max) {
					t.Errorf("share bounds inverted in %q", s)
				}
			}
		}
		for _, m := range scanFuncMentions(c) {
			if len(m.Names) != len(m.Levels) {
				t.Errorf("names/levels mismatch in %q", s)
			}
		}
		scanLabelled(c, totalPatterns, totalStop)
	})
}

func TestScanChanges_priorStated(t *testing.T) {
	// The prior year's amount is given in passing; the percentage is of it.
	in := compact("部门支出预算安排与2016年度相比(2016年度部门支出预算安排为8,648.07万元),增加498.72万元,增长5.77%")
	cs := scanChanges(in)
	if len(cs) != 1 || !cs[0].Consistent {
		t.Fatalf("changes %+v, want one consistent", cs)
	}
}
