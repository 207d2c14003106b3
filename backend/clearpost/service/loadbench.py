"""`clearpost loadbench`: the service under load, as a figure (never a timed test).

Starts `clearpost serve` as its own process with a throw-away CLEARPOST_HOME, waits until it is
ready, warms it, then N concurrent clients send a mix of posts (short and long, every platform,
both account types, every category) over HTTP. Reports throughput, latency p50/p95/p99, errors,
and the service's resident memory before and after.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

from clearpost.bench import _SENTENCES, _percentile

# Short posts covering every category, mixed into drafts of different lengths.
_EXTRA = [
    "What an absolute idiot our new councillor is.",
    "Email me at jo.bloggs@gmail.com for the slides.",
    "Vote Green on Thursday!",
    "Use discount code SPRING20 for 20% off tickets this week only.",
    "The API key is sk_live_51H8aZkP2eQ9x7LmN3vT0yB4c.",
    "Views are my own.",
    "This bug is killing me.",
    "Muslims are all terrorists.",
    "What a fucking brilliant result for the team.",
    "Can't say much yet, but the restructure will cut 40 posts in March.",
]


def make_posts(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Posts from a small pool of sentences, each sentence made unique by a number after it: the
    service keeps per-sentence work in a memo (issue 15), and many users' posts do not repeat
    each other's sentences, so a pool repeated as it is would flatter it."""
    rng = random.Random(seed)
    pool = _SENTENCES + _EXTRA
    posts = []
    serial = 0
    for _ in range(n):
        sentences = rng.choice([1, 1, 2, 2, 3, 4, 6, 30]) if rng.random() > 0.05 else 40
        parts = []
        for _ in range(sentences):
            serial += 1
            parts.append(f"{rng.choice(pool)} ({serial})")
        text = " ".join(parts)[:20_000]
        body: dict[str, Any] = {"text": text, "platform": rng.choice(["x", "linkedin", "instagram"]),
                                "account": {"type": rng.choice(["personal", "official"])}}
        if rng.random() < 0.1:
            body["attachments"] = [{"kind": "image"}]
        posts.append(body)
    return posts


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])



async def _wait_ready(session: aiohttp.ClientSession, base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the service exited while starting; run `clearpost serve` to see why")
        try:
            async with session.get(f"{base}/v1/health") as resp:
                if (await resp.json())["status"] == "ready":
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("the service did not become ready in 120 s")


async def _drive(base: str, token: str, posts: list[dict[str, Any]], clients: int, proc: subprocess.Popen[bytes]) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:
        await _wait_ready(session, base, proc)
        # Warm up at the same concurrency, so "before" includes each worker's scratch memory.
        async def warm(body: dict[str, Any]) -> None:
            async with session.post(f"{base}/v1/check", json=body) as resp:
                await resp.read()

        warm_up = make_posts(200, seed=99)
        for i in range(0, len(warm_up), clients):
            await asyncio.gather(*(warm(b) for b in warm_up[i:i + clients]))
        rss_before = _rss_mb(proc.pid)
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        for body in posts:
            queue.put_nowait(body)
        latencies: list[float] = []
        errors: dict[str, int] = {}

        async def client() -> None:
            while True:
                try:
                    body = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                try:
                    async with session.post(f"{base}/v1/check", json=body) as resp:
                        await resp.read()
                        if resp.status != 200:
                            errors[str(resp.status)] = errors.get(str(resp.status), 0) + 1
                except aiohttp.ClientError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                latencies.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - started
        rss_after = _rss_mb(proc.pid)
    return {
        "requests": len(latencies), "clients": clients, "errors": sum(errors.values()), "error_kinds": errors,
        "throughput_rps": round(len(latencies) / wall, 1), "wall_s": round(wall, 1),
        "p50_ms": round(statistics.median(latencies), 1), "p95_ms": round(_percentile(latencies, 0.95), 1),
        "p99_ms": round(_percentile(latencies, 0.99), 1), "max_ms": round(max(latencies), 1),
        "rss_before_mb": round(rss_before, 1), "rss_after_mb": round(rss_after, 1),
        "rss_growth_pct": round(100 * (rss_after - rss_before) / rss_before, 1),
        "mean_chars": round(statistics.mean(len(p["text"]) for p in posts)),
    }


def run_loadbench(*, clients: int, posts: int, as_json: bool) -> int:
    if clients < 1 or posts < clients:
        sys.stderr.write("clearpost: error: need at least 1 client and at least as many posts as clients\n")
        return 2
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="clearpost-loadbench-") as home:
        Path(home, "config.toml").write_text('org = "iuk"\n', encoding="utf-8")
        env = {**os.environ, "CLEARPOST_HOME": home}
        proc = subprocess.Popen([sys.executable, "-m", "clearpost", "serve", "--port", str(port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            token = ""
            for _ in range(100):
                token_path = Path(home, "token")
                if token_path.exists() and token_path.read_text().strip():
                    token = token_path.read_text().strip()
                    break
                time.sleep(0.1)
            figures = asyncio.run(_drive(f"http://127.0.0.1:{port}", token, make_posts(posts), clients, proc))
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    if as_json:
        print(json.dumps(figures))
    else:
        print(f"{figures['requests']} requests from {clients} concurrent clients (mean post {figures['mean_chars']} characters), "
              f"{figures['errors']} errors")
        print(f"throughput {figures['throughput_rps']} requests/s   latency p50 {figures['p50_ms']} ms   "
              f"p95 {figures['p95_ms']} ms   p99 {figures['p99_ms']} ms   max {figures['max_ms']} ms")
        print(f"service RSS {figures['rss_before_mb']} MB before, {figures['rss_after_mb']} MB after ({figures['rss_growth_pct']:+}%)")
    return 0 if figures["errors"] == 0 else 1
