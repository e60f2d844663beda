"""The audit log is append-only: no one changes or deletes it, except the archive command after 180 days."""

import gzip
import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from unionnews.accounts import audit
from unionnews.accounts.models import AuditEntry


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", password="root password 1")


def test_not_even_a_superuser_can_change_or_delete_an_entry_in_the_admin(root, client_for):
    entry = audit.record(root, audit.Action.LOGIN)
    client = client_for(root)

    listing = client.get("/admin/accounts/auditentry/").content.decode()
    assert "删除所选" not in listing and 'name="action"' not in listing
    page = client.get(f"/admin/accounts/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode() and "deletelink" not in page.content.decode()
    assert client.post(f"/admin/accounts/auditentry/{entry.pk}/change/", {"username": "x"}).status_code == 403
    assert client.post(f"/admin/accounts/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"/admin/accounts/auditentry/{entry.pk}/history/").status_code == 200
    assert client.get("/admin/accounts/auditentry/add/").status_code == 403
    entry.refresh_from_db()
    assert entry.username == "root"


def test_code_cannot_change_or_delete_an_entry(root):
    entry = audit.record(root, audit.Action.LOGIN)

    entry.username = "someone else"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(username="x")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).username == "root"


def test_code_cannot_overwrite_an_entry_by_its_number_or_an_upsert(root):
    entry = audit.record(root, audit.Action.LOGIN)

    forged = AuditEntry(pk=entry.pk, at=entry.at, username="TAMPERED", action=audit.Action.LOGOUT)
    with pytest.raises(IntegrityError), transaction.atomic():
        forged.save()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.bulk_create(
            [forged], update_conflicts=True, unique_fields=["id"], update_fields=["username"]
        )
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).delete_archived(timezone.now())  # not 180 days old
    assert AuditEntry.objects.get(pk=entry.pk).username == "root"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's")
def test_the_database_itself_refuses_to_change_or_delete_an_entry(root):
    entry = audit.record(root, audit.Action.LOGIN)

    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic():
        AuditEntry._base_manager.filter(pk=entry.pk).update(username="x")
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic():
        AuditEntry._base_manager.filter(pk=entry.pk)._raw_delete(connection.alias)
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_auditentry")
    assert AuditEntry.objects.get(pk=entry.pk).username == "root"


def test_deleting_a_user_keeps_their_entries_under_their_name(db):
    user = User.objects.create_user("jizhe", password="a password 123")
    audit.record(user, audit.Action.LOGIN)

    user.delete()

    entry = AuditEntry.objects.get()
    assert entry.username == "jizhe" and entry.actor is None


@pytest.fixture
def old_and_new(root):
    with time_machine.travel(timezone.now() - timedelta(days=200)):
        old = [audit.record(root, audit.Action.LOGIN, note=f"旧{n}") for n in range(3)]
    new = audit.record(root, audit.Action.LOGOUT)
    return old, new


@pytest.mark.parametrize("name", ["archive.jsonl", "archive.jsonl.gz"])
def test_archive_writes_old_entries_verifies_and_deletes_just_those(old_and_new, tmp_path, name, capsys):
    old, _new = old_and_new
    path = tmp_path / name

    call_command("archive_audit", "--output", str(path))

    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as archive:
        lines = [json.loads(line) for line in archive]
    assert [line["id"] for line in lines] == [entry.pk for entry in old]
    assert lines[0]["data"] == {"note": "旧0"} and lines[0]["username"] == "root"
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {"logout", "archive"}
    archived = AuditEntry.objects.get(action=AuditEntry.Action.ARCHIVE)
    assert archived.data["count"] == 3
    assert "已核对 3 条" in capsys.readouterr().err


def test_archive_keeps_at_least_180_days(old_and_new, tmp_path):
    with pytest.raises(CommandError, match="至少保存 180 天"):
        call_command("archive_audit", "--older-than-days", "90", "--output", str(tmp_path / "a.jsonl"))

    call_command("archive_audit", "--older-than-days", "365", "--output", str(tmp_path / "b.jsonl"))

    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN).count() == 3


def test_a_dry_run_changes_nothing(old_and_new, tmp_path, capsys):
    call_command("archive_audit", "--dry-run", "--output", str(tmp_path / "a.jsonl"))

    assert not (tmp_path / "a.jsonl").exists()
    assert AuditEntry.objects.count() == 4
    assert "3 条" in capsys.readouterr().err


def test_archive_never_overwrites_a_file(old_and_new, tmp_path):
    existing = tmp_path / "a.jsonl"
    existing.write_text("earlier archive\n")

    with pytest.raises(CommandError, match="已存在"):
        call_command("archive_audit", "--output", str(existing))

    assert existing.read_text() == "earlier archive\n"
    assert AuditEntry.objects.count() == 4


def test_archive_explains_a_missing_folder_or_an_impossible_age_and_keeps_everything(old_and_new, tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        call_command("archive_audit", "--output", str(tmp_path / "no-such-folder" / "a.jsonl"))
    with pytest.raises(CommandError, match="太大"):
        call_command("archive_audit", "--older-than-days", "100000000", "--output", str(tmp_path / "a.jsonl"))
    assert AuditEntry.objects.count() == 4


def test_archive_compresses_whatever_the_case_of_gz(old_and_new, tmp_path):
    path = tmp_path / "AUDIT.JSONL.GZ"
    call_command("archive_audit", "--output", str(path))
    with gzip.open(path, "rt", encoding="utf-8") as archive:
        assert [json.loads(line)["action"] for line in archive]
