"""Full-text index over article text, one per database engine.

SQLite: an FTS5 external-content table with the trigram tokenizer (Chinese has no spaces, trigrams need none),
kept in step with law_article by triggers. PostgreSQL: pg_trgm and a GIN trigram index, which serves LIKE '%…%'.
"""

from django.db import migrations

from fazhi.core.migration_sql import run_for_vendor

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE law_article_fts USING fts5("
    "text, content='law_article', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER law_article_fts_ai AFTER INSERT ON law_article BEGIN "
    "INSERT INTO law_article_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER law_article_fts_ad AFTER DELETE ON law_article BEGIN "
    "INSERT INTO law_article_fts(law_article_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER law_article_fts_au AFTER UPDATE OF text ON law_article BEGIN "
    "INSERT INTO law_article_fts(law_article_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO law_article_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO law_article_fts(law_article_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS law_article_fts_au",
    "DROP TRIGGER IF EXISTS law_article_fts_ad",
    "DROP TRIGGER IF EXISTS law_article_fts_ai",
    "DROP TABLE IF EXISTS law_article_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS law_article_text_trgm ON law_article USING gin (text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS law_article_text_trgm"]


class Migration(migrations.Migration):
    dependencies = [("law", "0001_initial")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run_for_vendor({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
