package export

import (
	"errors"
	"fmt"
	"strings"
)

// dbType is a parsed DuckDB type name such as
// STRUCT("name" VARCHAR, "years" INTEGER[])[] or DECIMAL(20,2).
type dbType struct {
	Name   string     // upper-case base name: VARCHAR, DECIMAL, STRUCT, LIST, MAP, …
	Args   []string   // DECIMAL(20,2) → ["20","2"]; ENUM('a','b') → ["'a'","'b'"]
	Elem   *dbType    // LIST element (for "T[]" and "T[n]")
	Fields []dbField  // STRUCT fields
	KV     [2]*dbType // MAP key and value
}

type dbField struct {
	Name string
	Type *dbType
}

var errBadType = errors.New("bad DuckDB type name")

// parseDBType parses a DuckDB type name as returned by
// sql.ColumnType.DatabaseTypeName.
func parseDBType(s string) (*dbType, error) {
	p := &typeParser{s: s}
	t, err := p.typ(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, fmt.Errorf("%w: trailing %q in %q", errBadType, p.s[p.i:], s)
	}
	return t, nil
}

type typeParser struct {
	s string
	i int
}

const maxTypeDepth = 32

func (p *typeParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *typeParser) peek() byte {
	p.space()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *typeParser) fail(what string) error {
	return fmt.Errorf("%w: %s at byte %d of %q", errBadType, what, p.i, p.s)
}

// word reads an identifier (letters, digits, underscore).
func (p *typeParser) word() string {
	p.space()
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

// name reads a field name: a double-quoted identifier ("" escapes a quote)
// or a bare word.
func (p *typeParser) name() (string, error) {
	if p.peek() != '"' {
		w := p.word()
		if w == "" {
			return "", p.fail("field name expected")
		}
		return w, nil
	}
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		if c == '"' {
			if p.i < len(p.s) && p.s[p.i] == '"' {
				b.WriteByte('"')
				p.i++
				continue
			}
			return b.String(), nil
		}
		b.WriteByte(c)
	}
	return "", p.fail("unterminated quoted name")
}

// arg reads one argument of a parameterised type: a number, a word or a
// single-quoted string.
func (p *typeParser) arg() (string, error) {
	if p.peek() == '\'' {
		start := p.i
		p.i++
		for p.i < len(p.s) {
			if p.s[p.i] == '\'' {
				if p.i+1 < len(p.s) && p.s[p.i+1] == '\'' {
					p.i += 2
					continue
				}
				p.i++
				return p.s[start:p.i], nil
			}
			p.i++
		}
		return "", p.fail("unterminated string")
	}
	w := p.word()
	if w == "" {
		return "", p.fail("argument expected")
	}
	return w, nil
}

func (p *typeParser) typ(depth int) (*dbType, error) {
	if depth > maxTypeDepth {
		return nil, p.fail("type nested too deeply")
	}
	w := p.word()
	if w == "" {
		return nil, p.fail("type name expected")
	}
	t := &dbType{Name: strings.ToUpper(w)}
	// Multi-word names.
	switch t.Name {
	case "TIMESTAMP", "TIME":
		save := p.i
		if strings.EqualFold(p.word(), "WITH") && strings.EqualFold(p.word(), "TIME") && strings.EqualFold(p.word(), "ZONE") {
			t.Name += " WITH TIME ZONE"
		} else {
			p.i = save
		}
	case "DOUBLE":
		save := p.i
		if !strings.EqualFold(p.word(), "PRECISION") {
			p.i = save
		}
	}
	if p.peek() == '(' {
		p.i++
		switch t.Name {
		case "STRUCT", "ROW":
			t.Name = "STRUCT"
			for {
				n, err := p.name()
				if err != nil {
					return nil, err
				}
				ft, err := p.typ(depth + 1)
				if err != nil {
					return nil, err
				}
				t.Fields = append(t.Fields, dbField{Name: n, Type: ft})
				if p.peek() == ',' {
					p.i++
					continue
				}
				break
			}
		case "MAP":
			k, err := p.typ(depth + 1)
			if err != nil {
				return nil, err
			}
			if p.peek() != ',' {
				return nil, p.fail("',' expected in MAP")
			}
			p.i++
			v, err := p.typ(depth + 1)
			if err != nil {
				return nil, err
			}
			t.KV = [2]*dbType{k, v}
		case "UNION":
			// Kept as text; skip the members.
			for p.i < len(p.s) && p.s[p.i] != ')' {
				if _, err := p.name(); err != nil {
					return nil, err
				}
				if _, err := p.typ(depth + 1); err != nil {
					return nil, err
				}
				if p.peek() == ',' {
					p.i++
				}
			}
		default:
			for {
				a, err := p.arg()
				if err != nil {
					return nil, err
				}
				t.Args = append(t.Args, a)
				if p.peek() == ',' {
					p.i++
					continue
				}
				break
			}
		}
		if p.peek() != ')' {
			return nil, p.fail("')' expected")
		}
		p.i++
	}
	for p.peek() == '[' {
		p.i++
		p.word() // fixed size, if any
		if p.peek() != ']' {
			return nil, p.fail("']' expected")
		}
		p.i++
		t = &dbType{Name: "LIST", Elem: t}
		if depth++; depth > maxTypeDepth {
			return nil, p.fail("type nested too deeply")
		}
	}
	return t, nil
}
