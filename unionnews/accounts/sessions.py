"""Ending someone's sessions everywhere (their browsers are logged out at their next request)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone


def end_sessions(user):
    """Delete every unexpired session of `user`; returns how many.

    Sessions live in the database (the default engine, or cached_db), where only staff have
    any: readers get no session. An engine without a table to search (cache, signed
    cookies) cannot be searched, and nothing is ended: None.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return None
    ended = 0
    for session in store.get_model_class().objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session.session_key).delete()  # a cached_db copy goes too
            ended += 1
    return ended
