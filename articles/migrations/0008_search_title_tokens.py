"""Title-only bigrams, indexed on PostgreSQL, and the title text kept in the row.

PostgreSQL: a GIN index over string_to_array(title_tokens, ' ') finds the
headline matches of a word without reading every story that holds it, and
`title_text` is stored uncompressed in the row (STORAGE MAIN) so checking a
headline costs no TOAST read. New rows get it at once; existing rows when they
are next written (`manage.py rebuild_search_index` rewrites them all).
SQLite: the column only; its search does not use it. Adding (or removing) a
column makes Django rebuild the SQLite table, which drops the FTS triggers of
migration 0007, so they are created again and the FTS table rebuilt.

Existing documents get their title tokens here, computed from title_text.
"""

from importlib import import_module

import articles.search.lookups
from django.db import migrations

from articles.search import tokens

POSTGRESQL = {
    "forward": [
        "ALTER TABLE articles_searchdocument ALTER COLUMN title_text SET STORAGE MAIN",
        "CREATE INDEX searchdoc_title_tokens_gin ON articles_searchdocument "
        "USING gin (string_to_array(title_tokens, ' '))",
    ],
    "backward": [
        "DROP INDEX IF EXISTS searchdoc_title_tokens_gin",
        "ALTER TABLE articles_searchdocument ALTER COLUMN title_text SET STORAGE EXTENDED",
    ],
}


def fill_title_tokens(apps, schema_editor):
    SearchDocument = apps.get_model("articles", "SearchDocument")
    documents = SearchDocument.objects.using(schema_editor.connection.alias).only("article_id", "title_text")
    batch = []
    for document in documents.iterator(chunk_size=2000):
        document.title_tokens = " ".join(sorted(tokens.document_tokens(document.title_text)))
        batch.append(document)
        if len(batch) == 2000:
            SearchDocument.objects.using(schema_editor.connection.alias).bulk_update(batch, ["title_tokens"])
            batch = []
    SearchDocument.objects.using(schema_editor.connection.alias).bulk_update(batch, ["title_tokens"])


def run(direction):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in POSTGRESQL[direction]:
                schema_editor.execute(statement)

    return operation


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    fts = import_module("articles.migrations.0007_search_index_by_vendor").SQLITE
    for statement in fts["backward"][:3]:  # DROP TRIGGER IF EXISTS ...
        schema_editor.execute(statement)
    for statement in fts["forward"][1:]:  # CREATE TRIGGER ...
        schema_editor.execute(statement)
    schema_editor.execute("INSERT INTO articles_searchdocument_fts(articles_searchdocument_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_search_index_by_vendor")]

    operations = [
        # Backwards: after RemoveField rebuilt the table.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_triggers),
        migrations.AddField(
            model_name="searchdocument",
            name="title_tokens",
            field=articles.search.lookups.TokensField(blank=True, default=""),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
        migrations.RunPython(fill_title_tokens, migrations.RunPython.noop),
        migrations.RunPython(run("forward"), run("backward")),
    ]
