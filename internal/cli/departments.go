package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/budgetwh/budgetwh/identity"
	"github.com/budgetwh/budgetwh/schema"
)

func init() { register("departments", newDepartmentsCmd) }

func newDepartmentsCmd(env *Env) *cobra.Command {
	var format, aliases string
	cmd := &cobra.Command{
		Use:   "departments [--format table|json|csv] [--aliases FILE]",
		Short: "List department identities with their wordings per year and the evidence for every merge",
		Long: `List every department identity of the warehouse: its id, canonical name,
region and code, every published wording with the years it was used, and
why the wordings and documents were merged (department code, normalised
name, alias-file rows). Look-alike departments that were not merged are
reported as identity.ambiguous warnings; documents whose stored identity the
alias file would now change are reported as identity.stale.

--aliases FILE adds a user alias file (CSV: action,name_or_key,target,reason)
on top of the shipped schema/identitydata/aliases.csv.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" && format != "csv" {
				return fmt.Errorf("%w: --format %q (want table, json or csv)", ErrUsage, format)
			}
			a, err := identity.LoadAliasesWith(aliases)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			w, err := schema.Open(cmd.Context(), env.DB, schema.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer w.Close()
			l, err := identity.List(cmd.Context(), w.DB(), a)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeDepartmentsJSON(out, l)
			case "csv":
				return writeDepartmentsCSV(out, l)
			}
			return writeDepartmentsTable(out, l)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, json or csv")
	cmd.Flags().StringVar(&aliases, "aliases", "", "user alias file applied on top of the shipped one")
	return cmd
}

func writeDepartmentsJSON(w io.Writer, l *identity.Listing) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(l)
}

func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ",")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func writeDepartmentsTable(w io.Writer, l *identity.Listing) error {
	var b strings.Builder
	for _, d := range l.Departments {
		fmt.Fprintf(&b, "%s  %s  region %s  code %s  documents %s\n", d.ID, d.CanonicalName, orDash(d.Region), orDash(d.Code), docCounts(d.Documents))
		for _, n := range d.Names {
			fmt.Fprintf(&b, "    %-6s %s  %s\n", n.Source, orDash(years(n.Years)), n.Name)
		}
		for _, e := range d.Evidence {
			fmt.Fprintf(&b, "    because %s\n", e)
		}
	}
	fmt.Fprintf(&b, "%d departments\n", len(l.Departments))
	for _, f := range l.Findings {
		fmt.Fprintf(&b, "%s %s: %s\n", f.Severity, f.Rule, f.Message)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// docCounts says how many documents a department has, by status when not
// all are loaded: "2" or "4 (2 loaded, 2 quarantined)".
func docCounts(ds []identity.DocumentI) string {
	by := map[string]int{}
	for _, d := range ds {
		by[d.Status]++
	}
	if len(by) <= 1 && by["loaded"] == len(ds) {
		return strconv.Itoa(len(ds))
	}
	var parts []string
	for _, st := range []string{"loaded", "superseded", "quarantined"} {
		if by[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", by[st], st))
		}
	}
	return fmt.Sprintf("%d (%s)", len(ds), strings.Join(parts, ", "))
}

func writeDepartmentsCSV(w io.Writer, l *identity.Listing) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"department_id", "canonical_name", "region", "department_code", "name", "source", "years", "evidence"})
	for _, d := range l.Departments {
		ev := strings.Join(d.Evidence, "; ")
		for _, n := range d.Names {
			_ = cw.Write([]string{d.ID, d.CanonicalName, d.Region, d.Code, n.Name, n.Source, years(n.Years), ev})
		}
	}
	cw.Flush()
	return cw.Error()
}
