package schema

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"
)

// rowSink receives the fact rows of one document, table by table, inside
// the document's transaction. Rows carry every column of the core table in
// declaration order. The sink is the single place to tune bulk loading.
type rowSink interface {
	Append(table string, row ...driver.Value) error
	// Close flushes what is buffered; after an error the transaction is
	// rolled back by the caller, so buffered rows never become visible.
	Close() error
}

// appenderSink loads rows with DuckDB's Appender on the connection that
// holds the document's transaction: the rows are part of that transaction
// and vanish with a rollback (tested in TestWarehouse_Write_atomic).
type appenderSink struct {
	conn  driver.Conn
	apps  map[string]*duckdb.Appender
	order []string
}

func newAppenderSink(conn driver.Conn) *appenderSink {
	return &appenderSink{conn: conn, apps: map[string]*duckdb.Appender{}}
}

func (s *appenderSink) Append(table string, row ...driver.Value) error {
	a, ok := s.apps[table]
	if !ok {
		var err error
		a, err = duckdb.NewAppender(s.conn, "", "core", table)
		if err != nil {
			return fmt.Errorf("create appender for %s: %w", table, err)
		}
		s.apps[table] = a
		s.order = append(s.order, table)
	}
	for i, v := range row {
		if s, ok := v.(string); ok {
			row[i] = validUTF8(s)
		}
	}
	if err := a.AppendRow(row...); err != nil {
		return fmt.Errorf("append %s row: %w", table, err)
	}
	return nil
}

// flush sends the rows buffered for table to the transaction, so that
// statements on the same connection see them.
func (s *appenderSink) flush(table string) error {
	a, ok := s.apps[table]
	if !ok {
		return nil
	}
	if err := a.Flush(); err != nil {
		return fmt.Errorf("flush %s: %w", table, err)
	}
	return nil
}

func (s *appenderSink) Close() error {
	var errs []error
	for _, t := range s.order {
		if err := s.apps[t].Close(); err != nil {
			errs = append(errs, fmt.Errorf("flush %s: %w", t, err))
		}
	}
	s.apps, s.order = nil, nil
	return errors.Join(errs...)
}

// ErrAmountRange is returned for an amount that does not fit its column.
var ErrAmountRange = errors.New("amount out of range")

var pow10 = func() [40]*big.Int {
	var p [40]*big.Int
	for i := range p {
		p[i] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil)
	}
	return p
}()

// decValue converts d to the unscaled integer DuckDB stores for a
// DECIMAL(width, scale) column, rounding half away from zero to scale
// places, and refuses values that do not fit the width.
func decValue(d decimal.Decimal, width, scale int32) (driver.Value, error) {
	u := d.Round(scale).Shift(scale).BigInt()
	var abs big.Int
	if abs.Abs(u).Cmp(pow10[width]) >= 0 {
		return nil, fmt.Errorf("%w: %s does not fit DECIMAL(%d,%d)", ErrAmountRange, d.String(), width, scale)
	}
	return u, nil
}

// yuan converts an amount for a DECIMAL(20,2) column.
func yuan(d decimal.Decimal) (driver.Value, error) { return decValue(d, 20, 2) }

// yuanPtr converts an optional amount (nil → NULL).
func yuanPtr(d *decimal.Decimal) (driver.Value, error) {
	if d == nil {
		return nil, nil
	}
	return yuan(*d)
}

// validUTF8 replaces invalid UTF-8 (which DuckDB's VARCHAR refuses) with
// U+FFFD, so that a reader's stray byte never fails a whole document.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func validAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = validUTF8(s)
	}
	return out
}

// str returns nil (NULL) for an empty string.
func str(s string) driver.Value {
	if s == "" {
		return nil
	}
	return validUTF8(s)
}
