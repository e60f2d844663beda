"""Bump the generation after every committed change readers could see.

By app label, not by URL: every model of the apps whose data public pages show
(unions, articles and its apps, taggit's tags) bumps on save, delete and m2m change.
Writes that send no model signal announce themselves through articles.signals
(story_saved, status_changed), e.g. workflow.correct()'s QuerySet.update() comes with a
Correction row. The bump waits for the commit (transaction.on_commit): a request
that read the old generation and renders during the transaction stores its page under
the old generation, which the bump leaves behind.
"""

import logging

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles import signals as story_signals
from unionnews.pagecache import clock, generation

logger = logging.getLogger(__name__)

READER_APPS = {"unions", "articles", "events", "search", "editorial", "epaper", "campaigns", "taggit"}
# Written while an editor merely has a form open (a ping a minute): nothing readers see.
IGNORED = {"articles.EditingSession"}


def watched(model):
    return model._meta.app_label in READER_APPS and model._meta.label not in IGNORED


def bump():
    try:
        store = generation.store()
        store.bump()
        clock.learn(store.read())  # so workers need not ask the database themselves
    except Exception:
        # Pages stay at most PAGE_CACHE_SECONDS old; readers still get answers.
        logger.exception("页面缓存：无法更新版本号")


def on_commit(function, using):
    """transaction.on_commit; tests/conftest.py runs it at once inside a test's own transaction."""
    transaction.on_commit(function, using=using)


def changed(using=None):
    """Something readers see changed in the current transaction on `using`: bump after its commit."""
    using = using or DEFAULT_DB_ALIAS
    connection = connections[using]
    if connection.in_atomic_block and any(entry[1] is bump for entry in connection.run_on_commit):
        return  # once per transaction, however many rows it writes
    on_commit(bump, using)


def model_changed(sender, using=None, **kwargs):
    changed(using)


def m2m_model_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_") and watched(sender):
        changed(using)


def story_changed(sender, **kwargs):
    changed()


def connect():
    for model in apps.get_models(include_auto_created=True):
        if watched(model):
            uid = f"pagecache.{model._meta.label}"
            post_save.connect(model_changed, sender=model, dispatch_uid=f"{uid}.save")
            post_delete.connect(model_changed, sender=model, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(m2m_model_changed, dispatch_uid="pagecache.m2m")
    story_signals.story_saved.connect(story_changed, dispatch_uid="pagecache.story_saved")
    story_signals.status_changed.connect(story_changed, dispatch_uid="pagecache.status_changed")
