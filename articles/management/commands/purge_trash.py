"""Delete for good the stories in the trash (回收站) for longer than TRASH_DAYS:
`python manage.py purge_trash [--dry-run]`, e.g. daily from cron.

Each story goes in its own transaction (workflow.purge) with its revisions,
timeline and links, and leaves a RemovedStory, so the URL of a story readers
had seen keeps answering 410, and a PURGE tombstone in the audit log. Progress
goes to stderr, the summary to stdout.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles import workflow


class Command(BaseCommand):
    help = "Delete the stories that have been in the trash (回收站) for longer than TRASH_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")

    def handle(self, *args, dry_run, **options):
        due = list(workflow.due_for_purge().select_related("deleted_by"))
        days = settings.TRASH_DAYS
        purged = 0
        for number, story in enumerate(due, start=1):
            deleted = timezone.localtime(story.deleted_at)
            line = f"[{number}/{len(due)}] #{story.pk} {story.headline} (deleted {deleted:%Y-%m-%d %H:%M})"
            if dry_run:
                self.stderr.write(f"{line}: would purge")
            elif workflow.purge(story):
                purged += 1
                self.stderr.write(f"{line}: purged")
            else:
                self.stderr.write(f"{line}: skipped, restored or no longer due")
        if dry_run:
            self.stdout.write(f"Dry run: {len(due)} stories in the trash for more than {days} days; nothing deleted.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Purged {purged} stories in the trash for more than {days} days."))
