"""`tokens__all=[...]`: rows holding every given bigram, answered by each database's index."""

from django.db import models
from django.db.models import Lookup


class TokensField(models.TextField):
    """Space-separated search tokens; indexed per database (migration 0007)."""


@TokensField.register_lookup
class HoldsAllTokens(Lookup):
    lookup_name = "all"
    prepare_rhs = False

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # Must match the GIN index expression exactly for the planner to use it.
        return f"string_to_array({lhs}, ' ') @> %s::text[]", [*lhs_params, list(self.rhs)]

    def as_sqlite(self, compiler, connection):
        # The FTS5 rowid is the document's primary key, article_id.
        row = f'{connection.ops.quote_name(self.lhs.alias)}."article_id"'
        match = " ".join(f'"{token}"' for token in self.rhs)  # tokens hold letters and digits only
        return (
            f"{row} IN (SELECT rowid FROM articles_searchdocument_fts WHERE articles_searchdocument_fts MATCH %s)",
            [match],
        )

    def as_sql(self, compiler, connection):
        # Any other database: a plain scan, still correct.
        lhs, lhs_params = self.process_lhs(compiler, connection)
        clauses = [f"{lhs} LIKE %s" for _ in self.rhs]
        return " AND ".join(clauses), [*lhs_params * len(self.rhs), *(f"%{token}%" for token in self.rhs)]
