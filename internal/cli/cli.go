// Package cli wires the budgetwh verbs to cobra. Each verb's logic lives in a
// plain function of another package (mostly app); this package parses flags,
// builds the logger, and decides exit codes in one place (exitCode).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, documented in the README.
const (
	ExitOK      = 0 // everything succeeded
	ExitFailed  = 1 // some documents (or the operation) failed
	ExitUsage   = 2 // bad flags or arguments
	ExitLocked  = 3 // the warehouse is locked by another run
	ExitCancel  = 130
	defaultDB   = "budgetwh.duckdb"
	envDB       = "BUDGETWH_DB"
	envLogLevel = "BUDGETWH_LOG"
)

// ErrUsage marks a usage error (exit code 2).
var ErrUsage = errors.New("usage")

// ErrPartial marks an operation that completed with some failed items (exit code 1).
var ErrPartial = errors.New("some items failed")

// ErrLocked marks a lock held by another run (exit code 3). Packages that
// detect a held lock wrap this sentinel (see package lock).
var ErrLocked = errors.New("warehouse locked")

// Env is what every command gets: streams, the logger and the global flags.
type Env struct {
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer
	Logger    *slog.Logger
	DB        string // --db
	LogFormat string // text or json
	LogLevel  string
	Quiet     bool
}

// commandFactories are the verbs; each file registers its own in init so that
// verbs can be added without touching this file.
var commandFactories = map[string]func(*Env) *cobra.Command{}

func register(name string, f func(*Env) *cobra.Command) { commandFactories[name] = f }

// Main runs the CLI and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	root := newRoot(env)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	code := exitCode(ctx, err)
	if err != nil && !errors.Is(err, ErrPartial) {
		fmt.Fprintf(stderr, "budgetwh: %v\n", err)
	}
	return code
}

// lockedError marks err as a lock conflict (exit code 3) without changing
// its message, which already names the holder.
type lockedError struct{ err error }

func (e lockedError) Error() string        { return e.err.Error() }
func (e lockedError) Unwrap() error        { return e.err }
func (e lockedError) Is(target error) bool { return target == ErrLocked }

func asLocked(err error) error { return lockedError{err} }

// duckDBLockMessage is how DuckDB reports a file held by another process
// that does not take our lock file (e.g. a writing `sql --write`).
const duckDBLockMessage = "Could not set lock on file"

func exitCode(ctx context.Context, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrUsage):
		return ExitUsage
	case errors.Is(err, ErrLocked) || strings.Contains(err.Error(), duckDBLockMessage):
		return ExitLocked
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		return ExitCancel
	default:
		return ExitFailed
	}
}

func newRoot(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:           "budgetwh",
		Short:         "Load Chinese government budget disclosures into a DuckDB warehouse",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if env.DB == "" {
				env.DB = defaultDB
				if v := os.Getenv(envDB); v != "" {
					env.DB = v
				}
			}
			lg, err := newLogger(env.Stderr, env.LogFormat, env.LogLevel)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUsage, err)
			}
			env.Logger = lg
			return nil
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return fmt.Errorf("%w: %v", ErrUsage, err) })
	pf := root.PersistentFlags()
	pf.StringVar(&env.DB, "db", "", "warehouse file (default budgetwh.duckdb, or $BUDGETWH_DB)")
	pf.StringVar(&env.LogFormat, "log-format", "text", "log format: text or json")
	pf.StringVar(&env.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	pf.BoolVarP(&env.Quiet, "quiet", "q", false, "no progress bars")
	names := make([]string, 0, len(commandFactories))
	for n := range commandFactories {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		root.AddCommand(commandFactories[n](env))
	}
	return root
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("bad --log-level %q", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("bad --log-format %q (want text or json)", format)
}

// usageArgs wraps cobra's arg validators so that their errors are usage errors.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return fmt.Errorf("%w: %v", ErrUsage, err)
		}
		return nil
	}
}
