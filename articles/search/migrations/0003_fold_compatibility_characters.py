from django.db import migrations

from articles.search import tokens

BATCH = 2000


def fold_documents(apps, schema_editor):
    """Fold the stored search texts and their tokens (ＢＡ as BA, tokens.fold()).

    Only documents whose text changes are written; the text is all they are made from, so
    no story is read. On SQLite the FTS table follows the tokens by its update trigger.
    Equivalent to `manage.py rebuild_search_index` for this change, without its cost.
    """
    SearchDocument = apps.get_model("search", "SearchDocument")
    last = None
    while True:
        rows = SearchDocument.objects.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        batch = list(rows.only("pk", "title_text", "body_text")[:BATCH])
        if not batch:
            return
        last = batch[-1].pk
        changed = []
        for document in batch:
            title, body = tokens.fold(document.title_text), tokens.fold(document.body_text)
            if (title, body) != (document.title_text, document.body_text):
                document.title_text, document.body_text = title, body
                document.tokens = " ".join(sorted(tokens.document_tokens(f"{title}\n{body}")))
                document.title_tokens = " ".join(sorted(tokens.document_tokens(title)))
                changed.append(document)
        SearchDocument.objects.bulk_update(changed, ["title_text", "body_text", "tokens", "title_tokens"])


class Migration(migrations.Migration):
    """Search folds compatibility letters and digits (full-width ＢＡ, ２０２４) in index and query."""

    dependencies = [
        ("search", "0002_admin_searchdoc_published"),
    ]

    operations = [migrations.RunPython(fold_documents, migrations.RunPython.noop)]
