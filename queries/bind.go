package queries

import (
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Bind converts the user's parameter strings to typed values, fills the
// defaults of the others, and returns them as named arguments for
// database/sql. A name the query does not declare is ErrUnknownParam; a value
// that does not parse as the declared type is ErrBadValue. The values are
// only ever bound, so no value can change the text of the query.
func Bind(q Query, params map[string]string) ([]any, error) {
	var unknown []string
	for k := range params {
		if _, ok := q.Param(k); !ok {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		names := make([]string, 0, len(q.Params))
		for _, p := range q.Params {
			names = append(names, p.Name)
		}
		known := "none"
		if len(names) > 0 {
			known = strings.Join(names, ", ")
		}
		return nil, fmt.Errorf("bind %s: %w %s (known: %s)", q.Name, ErrUnknownParam, strings.Join(unknown, ", "), known)
	}
	args := make([]any, 0, len(q.Params))
	for _, p := range q.Params {
		raw, given := params[p.Name]
		if !given {
			raw = p.Default
		}
		var v any
		if !given && p.Default == "null" {
			v = nil
		} else {
			var err error
			if v, err = convert(p, raw); err != nil {
				return nil, fmt.Errorf("bind %s: %w: %s=%q: %v", q.Name, ErrBadValue, p.Name, raw, err)
			}
		}
		args = append(args, sql.Named(p.Name, v))
	}
	return args, nil
}

// convert parses s as a value of p's type. The word "null" (any case) is
// SQL NULL for every type, text included; an empty text is the empty string.
func convert(p Param, s string) (any, error) {
	t := strings.TrimSpace(s)
	if strings.EqualFold(t, "null") {
		return nil, nil
	}
	switch p.Type {
	case TypeInt:
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("not an integer")
		}
		return n, nil
	case TypeDecimal:
		d, err := decimal.NewFromString(t)
		if err != nil || strings.ContainsAny(t, "eE") {
			return nil, fmt.Errorf("not a decimal number")
		}
		// Bound as text and cast by the SQL (CAST($x AS DECIMAL(20,2))), so
		// the value stays exact; the text is canonical, never user bytes.
		return d.String(), nil
	case TypeText:
		if !utf8.ValidString(s) {
			return nil, fmt.Errorf("not valid UTF-8 text")
		}
		if strings.ContainsRune(s, 0) {
			return nil, fmt.Errorf("contains a NUL character")
		}
		return s, nil
	case TypeBool:
		b, err := strconv.ParseBool(t)
		if err != nil {
			return nil, fmt.Errorf("not a boolean (true/false)")
		}
		return b, nil
	case TypeDate:
		d, err := time.Parse(time.DateOnly, t)
		if err != nil {
			return nil, fmt.Errorf("not a date (YYYY-MM-DD)")
		}
		return d, nil
	}
	return nil, fmt.Errorf("unknown type %q", p.Type)
}
