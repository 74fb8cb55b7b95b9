package resultfmt

import (
	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"
)

// Decimal returns the exact value of a DuckDB decimal. d.Value must not be
// nil.
func Decimal(d duckdb.Decimal) decimal.Decimal {
	return decimal.NewFromBigInt(d.Value, -int32(d.Scale))
}

// DecimalText renders a DuckDB decimal exactly, with all its scale digits
// (11463000.00, -0.10, 0.0005); a decimal without a value as NULL.
func DecimalText(d duckdb.Decimal) string {
	if d.Value == nil {
		return "NULL"
	}
	return Decimal(d).StringFixed(int32(d.Scale))
}
