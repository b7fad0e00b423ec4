"""Run every bench/bench_*.py in turn; each writes its table to bench/results/.

Benches that measure databases built beforehand (by ``fazhi bench_city``, or a streaming standby) are not run here: they are listed with the
command that runs them (their docstrings say how to build the databases)."""

import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
ON_BUILT_DATABASES = {
    "bench_city_pages.py": "bench_city_pages.py SMALL_DATABASE_URL BIG_DATABASE_URL",
    "bench_portal_search.py": "FAZHI_DATABASE_URL=<a bench_city PostgreSQL database> bench_portal_search.py",
    "bench_replica.py": "FAZHI_DATABASE_URL=<demo on the primary> FAZHI_DATABASE_REPLICA_URL=<its streaming standby> "
    "bench_replica.py",
}
failed = 0
for script in sorted(here.glob("bench_*.py")):
    if script.name in ON_BUILT_DATABASES:
        print(f"== {script.name}: not run here (needs databases built beforehand): {ON_BUILT_DATABASES[script.name]}")
        continue
    print(f"== {script.name}", flush=True)
    failed += subprocess.run([sys.executable, str(script)], cwd=here).returncode != 0
sys.exit(1 if failed else 0)
