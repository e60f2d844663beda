"""The index behind SearchDocument.tokens, one kind per database.

PostgreSQL: a narrow heap and a GIN index over the bigram array; `string_to_array(tokens, ' ') @>
ARRAY[...]` uses it, needs no extension and is exact (no recheck).
SQLite: an FTS5 table over the same tokens (detail=none: only "which rows hold
this token", which is all a search asks), kept in step by triggers so every
write to articles_searchdocument, bulk or not, updates it.

After migrating a database that already has stories, run
`manage.py rebuild_search_index` once.
"""

from django.db import migrations

POSTGRESQL = {
    "forward": [
        # Move the long texts and tokens out of the row at once, so the heap a
        # search sorts candidates from holds about 150 bytes per story.
        "ALTER TABLE articles_searchdocument SET (toast_tuple_target = 128)",
        "CREATE INDEX searchdoc_tokens_gin ON articles_searchdocument "
        "USING gin (string_to_array(tokens, ' '))",
    ],
    "backward": [
        "DROP INDEX IF EXISTS searchdoc_tokens_gin",
        "ALTER TABLE articles_searchdocument RESET (toast_tuple_target)",
    ],
}

SQLITE = {
    "forward": [
        "CREATE VIRTUAL TABLE articles_searchdocument_fts USING fts5("
        "tokens, content='articles_searchdocument', content_rowid='article_id', detail=none)",
        "CREATE TRIGGER articles_searchdocument_fts_insert AFTER INSERT ON articles_searchdocument BEGIN "
        "INSERT INTO articles_searchdocument_fts(rowid, tokens) VALUES (new.article_id, new.tokens); END",
        "CREATE TRIGGER articles_searchdocument_fts_delete AFTER DELETE ON articles_searchdocument BEGIN "
        "INSERT INTO articles_searchdocument_fts(articles_searchdocument_fts, rowid, tokens) "
        "VALUES ('delete', old.article_id, old.tokens); END",
        "CREATE TRIGGER articles_searchdocument_fts_update AFTER UPDATE ON articles_searchdocument BEGIN "
        "INSERT INTO articles_searchdocument_fts(articles_searchdocument_fts, rowid, tokens) "
        "VALUES ('delete', old.article_id, old.tokens); "
        "INSERT INTO articles_searchdocument_fts(rowid, tokens) VALUES (new.article_id, new.tokens); END",
    ],
    "backward": [
        "DROP TRIGGER IF EXISTS articles_searchdocument_fts_update",
        "DROP TRIGGER IF EXISTS articles_searchdocument_fts_delete",
        "DROP TRIGGER IF EXISTS articles_searchdocument_fts_insert",
        "DROP TABLE IF EXISTS articles_searchdocument_fts",
    ],
}
STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def run(direction):
    def operation(apps, schema_editor):
        for statement in STATEMENTS.get(schema_editor.connection.vendor, {}).get(direction, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_search_documents")]

    operations = [migrations.RunPython(run("forward"), run("backward"))]
