"""python manage.py migrate_media_to_s3 [--dry-run]

Copies the files on local disk into the configured object storage (README "Object
storage (S3)"): MEDIA_ROOT into the public storage, PRIVATE_MEDIA_ROOT into the
originals', under the same names, so the rows that name them need no change. Each
copy is verified: the object's size and MD5 (its ETag) must be the file's. A file
already there with the same size and checksum is skipped, so the command can be run
again after an interruption, and once more just before switching the web nodes over.
An object with other content is replaced. Progress goes to stderr, the summary to
stdout; the exit status is 1 if any file failed to copy or to verify. Symbolic links
are skipped and reported. The local files are left in place.
"""

import base64
import hashlib
import mimetypes
import os
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from unionnews import media


class Command(BaseCommand):
    help = "Copy the files in MEDIA_ROOT and PRIVATE_MEDIA_ROOT into the configured S3 buckets, verified."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only report what would be copied.")

    def handle(self, *args, dry_run, **options):
        jobs = [
            ("公开文件", Path(settings.MEDIA_ROOT), storages["default"]),
            ("原图", Path(settings.PRIVATE_MEDIA_ROOT), storages["originals"]),
        ]
        for _label, _root, storage in jobs:
            if media.on_disk(storage):
                raise CommandError(
                    "没有配置对象存储：请先设置 AWS_STORAGE_BUCKET_NAME 等环境变量（见 README“Object storage (S3)”）。"
                )
        for _label, _root, storage in jobs:
            check_reachable(storage)
        tally = Tally()
        for label, root, storage in jobs:
            where = f"{storage.bucket_name}/{storage.location}".rstrip("/")
            self.stderr.write(f"{label}：{root} → {where}")
            if not root.is_dir():
                self.stderr.write("  文件夹不存在，跳过。")
                continue
            for path in files_under(root):
                self.copy(path, root, storage, tally, dry_run)
                if tally.seen % 100 == 0:
                    self.stderr.write(f"  已检查 {tally.seen} 个文件（{filesizeformat(tally.seen_bytes)}）")
        verb = "将复制" if dry_run else "已复制"
        self.stdout.write(
            f"共 {tally.seen} 个文件（{filesizeformat(tally.seen_bytes)}）：{verb} {tally.copied} 个"
            f"（{filesizeformat(tally.copied_bytes)}），其中替换内容不同的 {tally.replaced} 个；"
            f"已存在且一致、跳过 {tally.skipped} 个；符号链接跳过 {tally.links} 个；失败 {len(tally.failed)} 个。"
        )
        if dry_run:
            self.stdout.write("试运行（--dry-run）：没有写入任何文件。")
        if tally.failed:
            for name, reason in tally.failed:
                self.stderr.write(f"失败：{name}：{reason}")
            raise CommandError(f"{len(tally.failed)} 个文件没有复制成功或校验不符，请检查后重新运行。")
        self.stdout.write(self.style.SUCCESS("全部文件都在对象存储中，大小和校验和一致。"))

    def copy(self, path, root, storage, tally, dry_run):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            tally.links += 1
            self.stderr.write(f"  跳过符号链接：{name}")
            return
        size, md5 = file_digest(path)
        tally.seen, tally.seen_bytes = tally.seen + 1, tally.seen_bytes + size
        key = storage._normalize_name(name)
        try:
            found = stored_digest(storage, key)
            if found == (size, md5):
                tally.skipped += 1
                return
            tally.copied, tally.copied_bytes = tally.copied + 1, tally.copied_bytes + size
            tally.replaced += found is not None
            if dry_run:
                self.stderr.write(f"  将复制：{name}（{filesizeformat(size)}）")
                return
            upload(storage, key, path, md5)
            landed = stored_digest(storage, key)
        except (BotoCoreError, ClientError, OSError) as error:
            tally.failed.append((name, f"出错：{error}"))
            return
        if landed != (size, md5):
            tally.failed.append((name, f"校验不符：本地 {size} 字节 MD5 {md5}，对象存储 {landed}"))


class Tally:
    def __init__(self):
        self.seen = self.seen_bytes = self.copied = self.copied_bytes = 0
        self.replaced = self.skipped = self.links = 0
        self.failed = []


def check_reachable(storage):
    try:
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    except (BotoCoreError, ClientError) as error:
        raise CommandError(
            f"无法访问对象存储的存储桶 {storage.bucket_name}（{storage.endpoint_url or 'AWS'}）：{error}"
        ) from None


def files_under(root):
    """Every file and symbolic link under `root`, in a stable order; links to folders are not entered."""
    for folder, folders, names in os.walk(root):
        folders.sort()
        links = [name for name in folders if os.path.islink(os.path.join(folder, name))]
        for name in sorted(names + links):
            yield Path(folder, name)


def file_digest(path):
    digest, size = hashlib.md5(usedforsecurity=False), 0
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def stored_digest(storage, key):
    """(size, MD5) of the object at `key`, or None if there is none.

    A single PUT's ETag is the MD5 of the content; an object uploaded in parts has
    another kind of ETag (with a "-"), and is then read back and hashed.
    """
    client = storage.connection.meta.client
    try:
        head = client.head_object(Bucket=storage.bucket_name, Key=key)
    except ClientError as error:
        if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
            return None
        raise
    etag = head["ETag"].strip('"')
    if "-" not in etag:
        return head["ContentLength"], etag
    digest = hashlib.md5(usedforsecurity=False)
    for chunk in client.get_object(Bucket=storage.bucket_name, Key=key)["Body"].iter_chunks(1024 * 1024):
        digest.update(chunk)
    return head["ContentLength"], digest.hexdigest()


def upload(storage, key, path, md5):
    """One PUT of the file (media files are far below S3's 5 GB limit for one), with the
    headers the storage gives its own uploads; the server checks the body's MD5."""
    params = storage.get_object_parameters(key)
    params.setdefault("ContentType", mimetypes.guess_type(key)[0] or storage.default_content_type)
    content_md5 = base64.b64encode(bytes.fromhex(md5)).decode()
    with open(path, "rb") as body:
        storage.connection.meta.client.put_object(
            Bucket=storage.bucket_name, Key=key, Body=body, ContentMD5=content_md5, **params
        )
