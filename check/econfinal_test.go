package check

import (
	"context"
	"strings"
	"testing"

	"github.com/budgetwh/budgetwh/ingest/interpret"
	"github.com/budgetwh/budgetwh/ingest/text"
	"github.com/budgetwh/budgetwh/model"
)

// finalEconText is a Shanghai-layout 决算 in the text dialect: the
// 一般公共预算财政拨款基本支出决算表 prints 人员经费 beside 公用经费 with
// 人员经费合计 / 公用经费合计 rows and no 合计 row.
func finalEconText(publicTotal string) string {
	return strings.Join([]string{
		"上海市普陀区测试局",
		"",
		"2024年度部门决算",
		"",
		"## 一般公共预算财政拨款支出决算表",
		"",
		"单位：万元",
		"",
		"项目\t\t合计\t基本支出\t项目支出",
		"支出功能分类科目编码\t科目名称\t\t\t",
		"201\t一般公共服务支出\t4.00\t3.00\t1.00",
		"20106\t财政事务\t4.00\t3.00\t1.00",
		"2010601\t行政运行\t4.00\t3.00\t1.00",
		"合计\t\t4.00\t3.00\t1.00",
		"",
		"## 一般公共预算财政拨款基本支出决算表",
		"",
		"单位：万元",
		"",
		"人员经费\t\t\t公用经费\t\t",
		"科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数",
		"301\t工资福利支出\t2.00\t302\t商品和服务支出\t1.00",
		"30101\t基本工资\t2.00\t30201\t办公费\t1.00",
		"人员经费合计\t\t2.00\t公用经费合计\t\t" + publicTotal,
		"",
	}, "\n")
}

// TestCheckEconTotalVsBasic_personnelPlusPublic: where the economic table
// prints no 合计 row, 人员经费合计 + 公用经费合计 is compared with the
// 基本支出 of the 一般公共预算 table (the title says 一般公共预算财政拨款:
// the general budget's part of the appropriations).
func TestCheckEconTotalVsBasic_personnelPlusPublic(t *testing.T) {
	tests := []struct {
		name, publicTotal string
		want              string // severity of the finding, "" for none
	}{
		{"consistent", "1.00", ""},
		{"公用经费合计 off by 1.00", "2.00", "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := text.Read(context.Background(), "final.txt", []byte(finalEconText(tt.publicTotal)))
			if err != nil {
				t.Fatal(err)
			}
			d := interpret.Interpret(context.Background(), doc)
			if d.Identity.Kind != model.KindFinalAccount {
				t.Fatalf("kind %s, want final_account", d.Identity.Kind)
			}
			var got []string
			sev := ""
			for _, f := range Document(d) {
				if f.Rule == "econ.total_vs_basic" {
					got = append(got, f.Severity+": "+f.Message)
					sev = f.Severity
				}
			}
			if len(got) > 1 || sev != tt.want {
				t.Errorf("econ.total_vs_basic findings %q, want one of severity %q", got, tt.want)
			}
		})
	}
}
