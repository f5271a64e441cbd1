#!/usr/bin/env python3
"""Throughput over loopback: each app in its own `cors-server` (release, one worker) pinned to one
core, wrk (one thread) pinned to the other, 127.0.0.1 only, bounded duration. Repetitions are
interleaved (every app and scenario once per round) so drift on the shared machine spreads evenly.

usage: load.py <cors-server binary> <out.json> [rounds] [seconds]
"""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time

APPS = ["no-cors", "actix-cors", "attribute", "wrap", "wrap-mixed"]
BASE_PORT = 18480
SERVER_CPU, CLIENT_CPU = "0", "1"
CONNECTIONS = 32

ALLOWED = "https://app.example"
SCENARIOS = {
    "allowed-get": ('wrk.method = "GET"\n'
                    f'wrk.headers["Origin"] = "{ALLOWED}"\n'),
    "no-origin-get": 'wrk.method = "GET"\n',
    "allowed-preflight": ('wrk.method = "OPTIONS"\n'
                          f'wrk.headers["Origin"] = "{ALLOWED}"\n'
                          'wrk.headers["Access-Control-Request-Method"] = "GET"\n'
                          'wrk.headers["Access-Control-Request-Headers"] = "content-type"\n'),
}


def wait_for(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"server on port {port} did not start")


def wrk(port, script, seconds):
    proc = subprocess.run(
        ["taskset", "-c", CLIENT_CPU, "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s",
         "-s", script, f"http://127.0.0.1:{port}/p"],
        capture_output=True, text=True, check=True)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", proc.stdout)
    if not rps or "Non-2xx" in proc.stdout and "preflight" not in script:
        sys.exit(f"unexpected wrk output:\n{proc.stdout}")
    return float(rps.group(1))


def main():
    binary, out = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    servers = []
    scripts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, lua in SCENARIOS.items():
            scripts[name] = os.path.join(tmp, f"{name}.lua")
            with open(scripts[name], "w") as f:
                f.write(lua)
        try:
            for i, app in enumerate(APPS):
                servers.append(subprocess.Popen(
                    ["taskset", "-c", SERVER_CPU, binary, app, str(BASE_PORT + i)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            for i in range(len(APPS)):
                wait_for(BASE_PORT + i)
            samples = {app: {s: [] for s in SCENARIOS} for app in APPS}
            for r in range(rounds):
                for scenario in SCENARIOS:
                    # Rotate the order each round so no app always runs first.
                    for k in range(len(APPS)):
                        i = (k + r) % len(APPS)
                        rps = wrk(BASE_PORT + i, scripts[scenario], seconds)
                        samples[APPS[i]][scenario].append(rps)
                        print(f"round {r + 1} {scenario:<18} {APPS[i]:<11} {rps:>10.0f} req/s",
                              flush=True)
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait()
    result = {
        "rounds": rounds, "seconds": seconds, "connections": CONNECTIONS,
        "samples": samples,
        "median": {app: {s: statistics.median(v) for s, v in by.items()}
                   for app, by in samples.items()},
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
