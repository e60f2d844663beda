"""Readers' pages through nginx against 1 node, then 2 nodes, in one run: `make cluster-bench`.

Starts the cluster of deploy/cluster.py (two gunicorn nodes, GUNICORN_WORKERS each),
then loads nginx for --seconds with --connections open connections, first with only
node A in nginx's upstream, then with both (nginx reloads between the two), and prints
requests/s, p50/p95 latency, errors (non-2xx answers, failed connections) and the ratio 2 nodes : 1 node. The pages
are a mix of what readers open (home, a story, the story list, tags, a union); with the
page cache on (the default) most are served from it, as in production; --no-page-cache
renders every page. Uses wrk (Debian: apt-get install wrk) when installed, else a
Python load generator (threads with keep-alive connections; it takes a core itself).

Not a test, and CPU-heavy while it runs: the figures in README.md ("Running at scale")
come from one run on a quiet machine.
"""

import argparse
import concurrent.futures
import http.client
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster import Cluster, ClusterError

WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
    io.write(string.format("BENCH p50 %%d p95 %%d\\n", latency:percentile(50), latency:percentile(95)))
end
"""


def reader_paths(base):
    """A reader's mix: home, the story list, tags and the first stories and union linked from home."""
    home = urllib.request.urlopen(base + "/", timeout=30).read().decode()
    stories = list(dict.fromkeys(re.findall(r'href="(/articles/\d+/\d+/\d+/\d+/)"', home)))[:4]
    unions = list(dict.fromkeys(re.findall(r'href="(/unions/[^"/]+/)"', home)))[:1]
    return ["/", "/articles/", "/tags/", *stories, *unions]


def with_wrk(wrk, base, paths, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name, base]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    Path(script.name).unlink()
    p50, p95 = map(int, re.search(r"BENCH p50 (\d+) p95 (\d+)", output).groups())
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    # "Socket errors: connect 0, read 0, write 0, timeout 3": failed requests too.
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, re.findall(r"\d+", socket_errors.group(1)))) if socket_errors else 0),
    }


def with_python(port, paths, seconds, connections):
    """`connections` threads, each with one keep-alive connection, for `seconds`."""
    stop_at = time.monotonic() + seconds
    latencies, errors, lock = [], [0], threading.Lock()

    def client(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        index = offset
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                connection.request("GET", paths[index % len(paths)])
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
            except OSError:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                ok = False
            with lock:
                latencies.append((time.monotonic() - started) * 1000)
                errors[0] += not ok
            index += 1
        connection.close()

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        list(pool.map(client, range(connections)))
    cuts = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / (time.monotonic() - started), "p50": cuts[49], "p95": cuts[94], "errors": errors[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20, help="load per round (default 20)")
    parser.add_argument("--connections", type=int, default=16, help="open connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node (default 2)")
    parser.add_argument("--no-page-cache", action="store_true", help="render every page (PAGE_CACHE=false)")
    parser.add_argument("--python", action="store_true", help="the Python load generator even if wrk is installed")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the cluster, as on Ctrl-C
    wrk = None if options.python else shutil.which("wrk")
    env = {"PAGE_CACHE": "false"} if options.no_page_cache else {}
    try:
        # No worker recycling during the run (as in the page benchmark, README "Benchmark: reader
        # pages"): a worker restarting every 1,000 requests stalls the requests queued on it.
        with Cluster(workers=options.workers, env=env, gunicorn_args=["--max-requests", "0"]) as cluster:
            paths = reader_paths(cluster.url)
            for path in paths:  # warm both nodes (and the page cache) before measuring
                for _ in range(4):
                    urllib.request.urlopen(cluster.url + path, timeout=30).read()
            rounds = {}
            for label, nodes in (("1 node", ["node-a"]), ("2 nodes", ["node-a", "node-b"])):
                cluster.use_nodes(nodes)
                if wrk:
                    rounds[label] = with_wrk(wrk, cluster.url, paths, options.seconds, options.connections)
                else:
                    rounds[label] = with_python(cluster.ports["nginx"], paths, options.seconds, options.connections)
                print(f"{label}: {rounds[label]['rps']:.0f} requests/s", flush=True)
    except ClusterError as error:
        print(f"集群启动失败 (cluster failed to start):\n{error}", file=sys.stderr)
        return 1
    cache = "off" if options.no_page_cache else "on"
    print(
        f"\n{'wrk' if wrk else 'Python load'}, {options.connections} connections, {options.seconds} s a round, "
        f"{options.workers} gunicorn workers a node (no recycling), page cache {cache}, "
        f"{len(paths)} reader pages in turn"
    )
    print(f"{'':8} {'requests/s':>11} {'p50 ms':>8} {'p95 ms':>8} {'errors':>8}")
    for label, result in rounds.items():
        print(f"{label:8} {result['rps']:11.0f} {result['p50']:8.1f} {result['p95']:8.1f} {result['errors']:8d}")
    print(f"ratio 2 nodes : 1 node = {rounds['2 nodes']['rps'] / rounds['1 node']['rps']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
