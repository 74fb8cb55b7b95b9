package export

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestEncodePartitionValue(t *testing.T) {
	tests := []struct {
		in    string
		valid bool
		want  string
	}{
		{"侯马经济开发区经济技术发展部", true, "侯马经济开发区经济技术发展部"},
		{"2024", true, "2024"},
		{"../../etc", true, "%2E%2E%2F%2E%2E%2Fetc"},
		{"..", true, "%2E%2E"},
		{".", true, "%2E"},
		{".hidden", true, "%2Ehidden"},
		{"a.b", true, "a.b"},
		{"a..b", true, "a%2E%2Eb"},
		{`a/b\c`, true, "a%2Fb%5Cc"},
		{`say "hi"`, true, "say %22hi%22"},
		{"k=v", true, "k%3Dv"},
		{"50%", true, "50%25"},
		{"tab\there\nnl\x00", true, "tab%09here%0Anl%00"},
		{"NULL", true, "%4EULL"},
		{HiveNull, true, "%5F_HIVE_DEFAULT_PARTITION__"},
		{"", true, ""},
		{"", false, HiveNull},
		{"x", false, HiveNull},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := EncodePartitionValue(tc.in, tc.valid)
			if got != tc.want {
				t.Errorf("EncodePartitionValue(%q) = %q, want %q", tc.in, got, tc.want)
			}
			back, valid := DecodePartitionValue(got)
			if valid != tc.valid || (valid && back != tc.in) {
				t.Errorf("DecodePartitionValue(%q) = %q, %v; want %q, %v", got, back, valid, tc.in, tc.valid)
			}
		})
	}
}

func TestPartitionComponent(t *testing.T) {
	if _, err := partitionComponent("department", strings.Repeat("部", 100), true); err == nil {
		t.Error("a 300-byte value was accepted as a path component")
	}
	c, err := partitionComponent("department", "../x", true)
	if err != nil || c != "department=%2E%2E%2Fx" {
		t.Errorf("got %q, %v", c, err)
	}
}

// FuzzEncodePartitionValue: any value encodes to one local path component
// that decodes back to it.
func FuzzEncodePartitionValue(f *testing.F) {
	for _, s := range []string{"", ".", "..", "../a", `a\b`, "NULL", HiveNull, "%41", "部门/单位", "\x00\x7f", "a=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := EncodePartitionValue(s, true)
		for _, bad := range []string{"/", `\`, "=", "..", "\x00"} {
			if strings.Contains(enc, bad) {
				t.Fatalf("encoded %q contains %q: %q", s, bad, enc)
			}
		}
		if enc != "" && (!filepath.IsLocal(enc) || strings.HasPrefix(enc, ".")) {
			t.Fatalf("encoded %q is not a plain local name: %q", s, enc)
		}
		comp := "department=" + enc
		if filepath.Base(comp) != comp {
			t.Fatalf("component %q is more than one path element", comp)
		}
		back, valid := DecodePartitionValue(enc)
		if !valid || back != s {
			t.Fatalf("round trip %q → %q → %q (%v)", s, enc, back, valid)
		}
	})
}
