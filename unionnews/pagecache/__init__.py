"""The page cache: whole public pages for anonymous readers, never stale.

A hit is answered by PageCacheMiddleware (first in settings.MIDDLEWARE) before the
rest of Django runs. Pages are keyed by a generation number that every change to
reader-visible data bumps after its commit (invalidation), and that time bumps too
when a scheduled story or an event's end comes (clock). README.md, "Page cache".

It gathers every app's models, so it sits on top with the URLconf (tests/test_layers.py).
"""
