"""Django's own deployment checklist passes for the production configuration the README gives."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DEBUG"},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example.cn",
        "SITE_URL": "https://news.example.cn",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=TOP,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_site_url_is_not_set(tmp_path):
    environment = {
        **{key: value for key, value in os.environ.items() if key not in {"DEBUG", "SITE_URL"}},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example.cn",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=TOP,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "unionnews.W001" in result.stdout + result.stderr
