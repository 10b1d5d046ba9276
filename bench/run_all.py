"""Runs every benchmark in bench/ and prints its figures. `make bench` runs this on a
throwaway PostgreSQL (scripts/with-test-services)."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["api_lists", "roster_export", "dashboard", "evaluation", "figure_import", "load"]

if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    for name in BENCHMARKS:
        print(f"== {name}")
        runpy.run_module(f"bench.{name}", run_name="__main__")
