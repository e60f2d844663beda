"""Which stories articles.editing is writing at this moment.

Article.save() refuses to store a story's content otherwise: edits go through
articles.editing, which checks rights, merges concurrent edits and keeps a revision.
"""

import contextvars
from contextlib import contextmanager

_writing = contextvars.ContextVar("articles_editing", default=frozenset())


def in_progress(pk):
    """True while articles.editing writes the story with primary key `pk`."""
    return pk in _writing.get()


@contextmanager
def writing(article):
    token = _writing.set(_writing.get() | {article.pk})
    try:
        yield
    finally:
        _writing.reset(token)
