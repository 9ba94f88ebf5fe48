#!/usr/bin/env bash
# README command 2: set up (or reuse) the environment and run the whole test suite.
#   bash scripts/test.sh            # the default suite (under 10 minutes on 2 cores)
#   bash scripts/test.sh --slow     # also the cells marked `#| slow`
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec python tools/run_tests.py "$@"
