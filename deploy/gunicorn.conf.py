"""Gunicorn for unionnews, behind nginx (deploy/nginx/): `gunicorn -c deploy/gunicorn.conf.py unionnews.wsgi`.

Sync workers are enough: nginx reads every request whole before passing it on
and buffers every answer, so a worker is never held by a slow client.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# One worker can serve one request at a time; about two per core.
workers = int(os.environ.get("GUNICORN_WORKERS", 3))
# A request still running after this many seconds is killed (nginx waits 65 s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# Restart each worker now and then, so a slow leak cannot grow for ever.
max_requests = 1000
max_requests_jitter = 100
# Docker's /tmp may be an overlay on disk; heartbeats belong in memory.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# nginx logs every request; gunicorn logs errors only.
accesslog = None
errorlog = "-"
