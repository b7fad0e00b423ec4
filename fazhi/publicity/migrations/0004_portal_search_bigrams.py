"""The portal search's index on PostgreSQL (ADR 0076): character bigrams of the four searched fields, in a GIN index.

Chinese words are mostly two characters (焚烧, 罚款, 违建), and a trigram index cannot serve a two-character LIKE: the
pattern yields no trigram, so pg_trgm reads the whole index. Bigrams serve any word of two or more characters
(pg_bigm's idea, written in SQL because pg_bigm is not installed here). SQLite: nothing (its LIKE scan is measured
in bench/results/portal_search.md and stays).
"""

from django.db import migrations

from fazhi.core.migration_sql import run_for_vendor

POSTGRES_FORWARD = [
    # Distinct two-character pieces of the lower-cased text (a one-character text gives itself).
    "CREATE OR REPLACE FUNCTION publicity_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "STRICT AS $$ SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}') "
    "FROM (SELECT lower(t) AS s) x, generate_series(1, greatest(length(s) - 1, 1)) AS i $$",
    "CREATE INDEX IF NOT EXISTS publicity_search_bigrams ON publicity_publication USING gin "
    "(publicity_bigrams(decision_number || '|' || party_display || '|' || violation_type || '|' || penalty))",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS publicity_search_bigrams",
    "DROP FUNCTION IF EXISTS publicity_bigrams(text)",
]


class Migration(migrations.Migration):
    dependencies = [("publicity", "0003_portal_indexes")]

    operations = [migrations.RunPython(run_for_vendor({"postgresql": POSTGRES_FORWARD}), run_for_vendor({"postgresql": POSTGRES_BACKWARD}))]
