# The two Quick-start commands (README.md) and the bench. Each script installs
# what it needs first, so these work on a fresh machine.
.PHONY: run test bench build

run:    ## build, migrate, seed and serve http://localhost:8787
	bash scripts/run.sh

test:   ## every test: shared crate, API and browser tests
	bash scripts/test.sh

bench:  ## sizes and query figures
	bash scripts/bench.sh

build:
	bash scripts/setup-tools.sh && bash scripts/build.sh
