#!/bin/sh
# One-shot (docker-compose.yml, service buckets): create the media buckets if they
# are missing. The app starts after this has finished.
set -eu

for bucket in "$AWS_STORAGE_BUCKET_NAME" "$AWS_PRIVATE_BUCKET_NAME"; do
    until echo "s3.bucket.list" | weed shell -master=s3:9333 | grep -q "^  $bucket[[:space:]]"; do
        echo "s3.bucket.create -name $bucket" | weed shell -master=s3:9333 || true
        sleep 2
    done
    echo "bucket $bucket: ready"
done
