"""Let anonymous readers fetch the public folders of the media bucket, and nothing else.

`python deploy/bucket_policy.py`, with the app's environment (AWS_STORAGE_BUCKET_NAME and
the rest): applies unionnews.media.public_read_policy() (it follows MEDIA_PUBLIC_PREFIXES)
to the bucket, through the app's own storage settings. nginx's /media/ (media-s3.conf)
reads without credentials, so it can fetch exactly what this allows. Run once per
deployment, after the bucket exists: docker-compose.yml's `migrate` service and
deploy/cluster.py do.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionnews.settings")


def main():
    import django

    django.setup()
    from django.core.files.storage import default_storage

    from unionnews.media import public_read_policy

    if not getattr(default_storage, "bucket_name", None):
        print("AWS_STORAGE_BUCKET_NAME is not set: media stay on disk, no bucket policy to apply", file=sys.stderr)
        return 1
    bucket = default_storage.bucket_name
    default_storage.connection.meta.client.put_bucket_policy(Bucket=bucket, Policy=public_read_policy(bucket))
    print(f"bucket {bucket}: anonymous read of the public folders only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
