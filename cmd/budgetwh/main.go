// Command budgetwh loads Chinese government budget disclosures into a DuckDB
// warehouse. All logic lives in internal/cli and the packages it wires.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/budgetwh/budgetwh/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
