"""Make the WebP and JPEG renditions of photos stored before there were any:
`python manage.py make_renditions [--all]`.

By default only photos without renditions are done (those uploaded before the
renditions field existed; until then pages show their display and thumbnail
files). --all makes them again for every photo, e.g. after RENDITION_WIDTHS
changed; files whose bytes are unchanged keep their names and are not written
again. A photo whose original is missing or unreadable is reported and
skipped, and the command then exits with an error. Safe to run while editors
work: a photo whose original was replaced meanwhile is left as they saved it.
Progress goes to stderr, the summary to stdout.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Photo
from unionnews import media


class Command(BaseCommand):
    help = "Make the WebP and JPEG renditions of photos that lack them (or, with --all, of every photo)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every_photo",
            help="Make them again for every photo; by default only for photos without renditions.",
        )

    def handle(self, *args, every_photo, **options):
        photos = Photo.objects.exclude(image="").order_by("pk")
        if not every_photo:
            photos = photos.filter(renditions=[])
        pks = list(photos.values_list("pk", flat=True))
        self.stderr.write(f"{len(pks)} photos to do.")
        made = failed = 0
        for done, pk in enumerate(pks, start=1):
            if self.make(pk):
                made += 1
            else:
                failed += 1
            if done % 100 == 0 or done == len(pks):
                self.stderr.write(f"  {done}/{len(pks)} photos")
        self.stdout.write(f"Made renditions for {made} photos; {failed} failed.")
        if failed:
            raise CommandError(f"{failed} photos have no renditions: their originals are missing or unreadable.")

    def make(self, pk):
        """Make photo `pk`'s renditions; False if its original cannot be read."""
        photo = Photo.objects.filter(pk=pk).first()
        if photo is None:
            return True  # deleted meanwhile: nothing to do
        try:
            with media.removing_files_on_error():
                photo.make_renditions()
        except Exception as error:  # a missing file (OSError) or Pillow's errors for a broken one
            self.stderr.write(f"Photo {pk} ({photo.image.name}): {type(error).__name__}: {error}")
            return False
        values = {name: getattr(photo, name) for name in Photo.RENDITION_FIELDS}
        values["display"], values["thumbnail"] = photo.display.name, photo.thumbnail.name
        # Only if the original is still the one the renditions were made from.
        Photo.objects.filter(pk=pk, image=photo.image.name).update(**values)
        return True
