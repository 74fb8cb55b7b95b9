# budgetwh developer targets. CI runs .ci/run; these are for humans.
GO      ?= go
PKGS    ?= ./...
BIN     ?= bin/budgetwh
BENCH   ?= .
FUZZTIME ?= 30s

.PHONY: build test test-short bench bench-scale lint fmt fuzz clean

build:
	$(GO) build -o $(BIN) ./cmd/budgetwh

test:
	$(GO) test $(PKGS)

test-short:
	$(GO) test -short $(PKGS)

bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem $(PKGS)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

# Bounded fuzzing of one target: make fuzz PKG=./ingest FUZZ=FuzzGroup
fuzz:
	$(GO) test -run '^$$' -fuzz '$(FUZZ)' -fuzztime $(FUZZTIME) $(PKG)

clean:
	rm -rf bin

# The scale benchmark of issue 7: 10,000 synthetic documents, ingest vs
# DuckDB's CSV load of the same facts vs a naive row-by-row loader.
BENCH_DOCS ?= 10000
BENCH_WORK ?= /tmp/budgetwh-bench
bench-scale: build
	$(BIN) bench --docs $(BENCH_DOCS) --work $(BENCH_WORK)
