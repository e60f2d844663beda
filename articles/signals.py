"""What a story tells the apps built on articles, which connect in their AppConfig.ready().

articles imports none of them: the search index (articles.search) and the editorial
checks (articles.editorial) follow a story by listening here.
"""

from django.dispatch import Signal

# A story was created or edited, its relations (unions, credits, segments, photos, tags) saved
# with it: article=<Article>, changed=<bool, False when an edit changed nothing>.
story_saved = Signal()

# A story's status or publication time changed (review, publication, withdrawal, the trash):
# article=<Article>.
status_changed = Signal()
