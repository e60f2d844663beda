"""Move audit entries older than N days (at least 180) to a JSON Lines file, then delete them."""

import gzip
import hashlib
import json
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from unionnews.accounts import audit
from unionnews.accounts.models import AuditEntry
from unionnews.accounts.models.audit import ARCHIVE_AFTER_DAYS as MINIMUM_DAYS

PROGRESS_EVERY = 1000


def _open(path, mode):
    return (
        gzip.open(path, mode + "t", encoding="utf-8")
        if path.suffix.lower() == ".gz"
        else path.open(mode, encoding="utf-8")
    )


def as_line(entry):
    return {
        "id": entry.pk,
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "username": entry.username,
        "action": entry.action,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "ip": entry.ip,
        "data": entry.data,
    }


class Command(BaseCommand):
    help = "把早于 N 天（至少 180 天）的审计日志写入 JSON Lines 文件（.gz 结尾则压缩），核对后从数据库删除。"

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=MINIMUM_DAYS)
        parser.add_argument("--output", required=True, help="archive file; must not exist yet")
        parser.add_argument("--dry-run", action="store_true", help="count what would be archived, change nothing")

    def handle(self, *args, older_than_days, output, dry_run, **options):
        if older_than_days < MINIMUM_DAYS:
            raise CommandError(f"审计日志至少保存 {MINIMUM_DAYS} 天：--older-than-days 不能小于 {MINIMUM_DAYS}。")
        path = Path(output)
        if path.exists():
            raise CommandError(f"{path} 已存在，不会覆盖已有的归档文件。")
        if not path.parent.is_dir():
            raise CommandError(f"目录 {path.parent} 不存在，请先创建。")
        try:
            cutoff = timezone.now() - timedelta(days=older_than_days)
        except OverflowError:
            raise CommandError(f"--older-than-days {older_than_days} 太大了。") from None
        old = AuditEntry.objects.filter(at__lt=cutoff).order_by("pk")
        total = old.count()
        self.stderr.write(f"早于 {timezone.localtime(cutoff):%Y-%m-%d %H:%M} 的审计日志：{total} 条")
        if dry_run or total == 0:
            self.stderr.write("试运行，未写文件，未删除。" if dry_run else "没有需要归档的记录。")
            return

        written = self.write(old, path, total)
        self.verify(path, written)
        with transaction.atomic():
            for start in range(0, len(written), PROGRESS_EVERY):
                AuditEntry.objects.filter(pk__in=written[start : start + PROGRESS_EVERY]).delete_archived(cutoff)
            audit.record(
                None,
                audit.Action.ARCHIVE,
                count=len(written),
                older_than=cutoff.isoformat(),
                file=str(path.resolve()),
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            )
        self.stderr.write(f"已归档并删除 {len(written)} 条，文件：{path}")

    def write(self, entries, path, total):
        written = []
        with _open(path, "x") as archive:
            for entry in entries.iterator(chunk_size=PROGRESS_EVERY):
                archive.write(json.dumps(as_line(entry), ensure_ascii=False) + "\n")
                written.append(entry.pk)
                if len(written) % PROGRESS_EVERY == 0:
                    self.stderr.write(f"已写入 {len(written)}/{total}")
        return written

    def verify(self, path, written):
        """Read the file back: every written row must be there, whole, in order, before anything is deleted."""
        with _open(path, "r") as archive:
            ids = [json.loads(line)["id"] for line in archive]
        if ids != written:
            raise CommandError(f"核对 {path} 失败：文件中的记录与写入的不一致，数据库未作改动。")
        self.stderr.write(f"已核对 {len(ids)} 条")
