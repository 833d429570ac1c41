# Interlude: the two commands that matter are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run
DATA_DIR ?= var
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: setup build build-ci web run test test-unit test-integration test-browser bench eval clean

setup:
	@./scripts/setup.sh

build: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-ci: setup
	cmake --preset ci >/dev/null
	cmake --build --preset ci -j $(JOBS)

web: setup
	cd web && npm run --silent build

run: build web
	@if [ ! -f $(DATA_DIR)/interlude.db ]; then build/release/interlude init --data-dir $(DATA_DIR); fi
	@build/release/interlude demo --data-dir $(DATA_DIR)
	@echo "Open the URL below in a browser (Ctrl-C stops the server)."
	build/release/interlude serve --listen $(LISTEN) --data-dir $(DATA_DIR) --web-root web/dist

test: build-ci web
	@$(MAKE) --no-print-directory test-unit test-integration test-browser

test-unit:
	ctest --preset ci -j $(JOBS)

# Two test files at a time: each starts its own server on port 0 in its own temp directory, and
# most of a file's time is spent waiting on its server, so two share the two cores well.
test-integration:
	INTERLUDE_BIN=build/ci/interlude node --test --test-concurrency=2 tests/integration/

# Two test files at a time here too: each file has its own server and its own Chromium, and
# much of a file's time is spent waiting (page loads, the server's answers, axe's walks).
test-browser:
	INTERLUDE_BIN=build/ci/interlude node --test --test-concurrency=2 tests/browser/

bench: build
	./bench/run.sh

eval: build
	build/release/interlude eval --data ../shared/data

clean:
	rm -rf build web/dist
