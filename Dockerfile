# The app image. It installs with the same `make install` step as a developer's
# machine and collects static files at build time (whitenoise serves them).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/opt/venv/bin:$PATH \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private-media

RUN apt-get update \
    && apt-get install --yes --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
RUN make install VENV=/opt/venv PYTHON=python3 \
    && make collectstatic VENV=/opt/venv \
    && useradd --system --no-create-home unionnews \
    && mkdir -p /data/media /data/private-media \
    && chown unionnews /data/media /data/private-media

USER unionnews
EXPOSE 8000
# docker-compose.yml runs the migrations before this.
CMD ["gunicorn", "unionnews.wsgi", "-b", "0.0.0.0:8000", "--workers", "3"]
