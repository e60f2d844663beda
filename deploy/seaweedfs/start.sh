#!/bin/sh
# SeaweedFS in one container (docker-compose.yml, service s3): master, volume
# server, filer and the S3 gateway on 8333. The app reads and writes with the key
# pair from the environment; anonymous clients (nginx, for /media/) may read only
# what the media bucket's policy allows (deploy/bucket_policy.py, run by `migrate`):
# its public folders. The private bucket (photo originals) needs the key.
set -eu

cat >/tmp/s3.json <<JSON
{
  "identities": [
    {
      "name": "unionnews",
      "credentials": [{"accessKey": "${AWS_ACCESS_KEY_ID}", "secretKey": "${AWS_SECRET_ACCESS_KEY}"}],
      "actions": ["Admin", "Read", "List", "Tagging", "Write"]
    }
  ]
}
JSON

exec weed server -dir=/data -ip=s3 -ip.bind=0.0.0.0 -master.volumeSizeLimitMB=1024 -master.telemetry=false \
    -s3 -s3.port=8333 -s3.config=/tmp/s3.json -s3.port.iceberg=0 -s3.port.lance=0
