package export

import (
	"errors"
	"fmt"
	"strings"
)

// HiveNull is the partition value that stands for NULL (DuckDB, Spark and
// Hive read it as NULL).
const HiveNull = "__HIVE_DEFAULT_PARTITION__"

// maxComponent is the longest path component written (most file systems
// allow 255 bytes).
const maxComponent = 255

// ErrPartitionValue is returned when a partition value cannot be written as
// a path component (too long once encoded).
var ErrPartitionValue = errors.New("partition value too long for a path component")

// EncodePartitionValue encodes a partition value for a Hive-style path
// component "column=value". The result never contains a path separator, a
// NUL or other control character, "=", "%" unescaped, characters that file
// systems or glob patterns treat specially, a "." at the start, or "..", so
// it cannot escape the directory it is joined to. Bytes are escaped as %XX
// (upper-case hex), which DuckDB, Spark and Hive decode back to the original
// value. A value that reads as NULL ("NULL" or HiveNull) has its first
// character escaped so that it stays a string; valid is false for NULL
// itself, which is written as HiveNull.
func EncodePartitionValue(v string, valid bool) string {
	if !valid {
		return HiveNull
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if needsEscape(v, i) {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	s := b.String()
	if s == "NULL" || s == HiveNull {
		s = fmt.Sprintf("%%%02X", s[0]) + s[1:]
	}
	return s
}

func needsEscape(v string, i int) bool {
	c := v[i]
	switch {
	case c < 0x20 || c == 0x7F:
		return true
	case c == '.':
		// A leading dot (hidden entries, "." and "..") and every dot of a
		// ".." run are escaped.
		return i == 0 || (i > 0 && v[i-1] == '.') || (i+1 < len(v) && v[i+1] == '.')
	}
	return strings.IndexByte(`/\=%:*?"<>|'#[]{}^`, c) >= 0
}

// DecodePartitionValue reverses EncodePartitionValue; valid is false for
// HiveNull. Malformed escapes are kept literally.
func DecodePartitionValue(s string) (v string, valid bool) {
	if s == HiveNull {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if h, ok := unhex(s[i+1]); ok {
				if l, ok := unhex(s[i+2]); ok {
					b.WriteByte(h<<4 | l)
					i += 2
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String(), true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// partitionComponent returns "column=encoded" or an error wrapping
// ErrPartitionValue when it would be too long.
func partitionComponent(column, value string, valid bool) (string, error) {
	c := column + "=" + EncodePartitionValue(value, valid)
	if len(c) > maxComponent {
		return "", fmt.Errorf("encode partition %s=%.40q…: %w (%d bytes encoded; partition by fewer columns)", column, value, ErrPartitionValue, len(c))
	}
	return c, nil
}
