"""The portal search's index on SQLite (ADR 0085): the four searched fields beside state and retire_on, so that
counting a word's matches reads a narrow index instead of every live record's row with its full and redacted texts.

SQLite has no bigram index (0004 is PostgreSQL's), and its LIKE still looks at each live record; with this index it
looks at the index entry only (a covering index): 4.9 → 2.6 ms to count a common word's first 1,001 matches among
10,000 records, and the portal page 13 → 6 ms (bench/results/http_load_sqlite.md). PostgreSQL: nothing — its bigram
index serves the search, and a B-tree of these four texts could exceed its entry size limit.
"""

from django.db import migrations

from fazhi.core.migration_sql import run_for_vendor

SQLITE_FORWARD = [
    "CREATE INDEX IF NOT EXISTS publicity_words_sqlite ON publicity_publication "
    "(state, retire_on, decision_number, party_display, violation_type, penalty)",
]
SQLITE_BACKWARD = ["DROP INDEX IF EXISTS publicity_words_sqlite"]


class Migration(migrations.Migration):
    dependencies = [("publicity", "0005_body_live_index")]

    operations = [migrations.RunPython(run_for_vendor({"sqlite": SQLITE_FORWARD}), run_for_vendor({"sqlite": SQLITE_BACKWARD}))]
