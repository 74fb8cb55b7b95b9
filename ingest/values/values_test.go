package values

import (
	"errors"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
		err  error
	}{
		{"1146.30", "1146.3", true, nil},
		{"1,146.30", "1146.3", true, nil},
		{"１，１４６．３０", "1146.3", true, nil},
		{" 0 ", "0", true, nil},
		{"", "0", false, nil},
		{"-", "0", false, nil},
		{"--", "0", false, nil},
		{"－", "0", false, nil},
		{"-12.5", "-12.5", true, nil},
		{"(12.30)", "-12.3", true, nil},
		{"12,604,173", "12604173", true, nil},
		{"1e309", "0", false, ErrNotAmount},
		{"abc", "0", false, ErrNotAmount},
		{"95%", "0", false, ErrNotAmount},
		{"1.2.3", "0", false, ErrNotAmount},
		{"1234567890123456789012345", "0", false, ErrAmountTooLong},
	}
	for _, tt := range tests {
		got, ok, err := ParseAmount(tt.in)
		if !errors.Is(err, tt.err) || ok != tt.ok || (ok && got.String() != tt.want) {
			t.Errorf("ParseAmount(%q) = %s, %v, %v; want %s, %v, %v", tt.in, got, ok, err, tt.want, tt.ok, tt.err)
		}
	}
}

func TestUnitFactor(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"单位：万元", "10000", true},
		{"单位:元", "1", true},
		{"（单位：万元）", "10000", true},
		{"金额单位：千元", "1000", true},
		{"万元", "10000", true},
		{"单位：个", "0", false},
	}
	for _, tt := range tests {
		got, ok := UnitFactor(tt.in)
		if ok != tt.ok || (ok && got.String() != tt.want) {
			t.Errorf("UnitFactor(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestChineseNumber(t *testing.T) {
	tests := map[string]int{"一": 1, "十": 10, "十二": 12, "二十": 20, "二十九": 29, "三十": 30}
	for in, want := range tests {
		if got, ok := ChineseNumber(in); !ok || got != want {
			t.Errorf("ChineseNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "abc", "十十", "一二"} {
		if _, ok := ChineseNumber(bad); ok {
			t.Errorf("ChineseNumber(%q) ok; want not ok", bad)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1146.30", "1,146.30", "(12.30)", "1e309", "--", "１２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok, err := ParseAmount(s)
		if ok && err != nil {
			t.Fatalf("ok with error %v", err)
		}
		if ok && len(d.Coefficient().String()) > 30 {
			t.Fatalf("unbounded amount %s from %q", d, s)
		}
	})
}
