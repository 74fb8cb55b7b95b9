package textwidth

import "testing"

func TestOf(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"abc", 3}, {"甲部门", 6}, {"１２", 4}, {"a（b）", 6}, {"", 0}}
	for _, tt := range tests {
		if got := Of(tt.in); got != tt.want {
			t.Errorf("Of(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
