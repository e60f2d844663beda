# The app image. It installs with the same `make install` step as a developer's
# machine and collects static files at build time; docker-compose.yml's one-shot
# `migrate` service collects them again into the volume nginx serves them from.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/opt/venv/bin:$PATH \
    STATIC_ROOT=/data/static \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private-media

RUN apt-get update \
    && apt-get install --yes --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
# The data folders belong to the app's user, so the volumes docker-compose.yml
# mounts there (created from them) are writable by it: static files (shared
# with nginx), public photo renditions (shared with nginx, read-only there)
# and the original uploads (never served by nginx).
RUN useradd --system --no-create-home unionnews \
    && mkdir -p /data/static /data/media /data/private-media \
    && chown unionnews /data/static /data/media /data/private-media \
    && make install VENV=/opt/venv PYTHON=python3

USER unionnews
RUN python manage.py collectstatic --noinput

EXPOSE 8000
# docker-compose.yml runs the migrations once (service `migrate`) before this. Workers and timeout:
# GUNICORN_WORKERS, GUNICORN_TIMEOUT (deploy/gunicorn.conf.py).
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "unionnews.wsgi"]
