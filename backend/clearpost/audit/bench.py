"""`clearpost auditbench` (`make auditbench`): `clearpost audit` on a small and a big generated X
archive, each in its own process: wall time, posts per second, and the peak memory of the whole
process tree (the command and its workers), sampled from /proc. Figures, not assertions."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from clearpost.audit.generate import write_x_archive


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
    return total


def _measure(archive: Path, out: Path, workers: int | None, *, batch_model: bool = False) -> tuple[dict[str, float], set[tuple[str, str, str, str]]]:
    cmd = [sys.executable, "-m", "clearpost", "audit", str(archive), "--org", "lshtm", "--quiet",
           "--html", str(out / "report.html"), "--json", str(out / "report.json")]
    if workers:
        cmd += ["--workers", str(workers)]
    if batch_model:
        cmd.append("--batch-model")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"auditbench: clearpost audit exited {proc.returncode}: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
    if proc.stderr:
        proc.stderr.close()
    data = json.loads((out / "report.json").read_text())
    findings = {(str(p["post_id"]), str(f["rule"]), str(f["start"]), str(f["end"])) for p in data["posts"] for f in p["findings"]}
    return {"posts": data["posts_read"], "flagged": data["flagged"], "wall_s": round(wall, 2), "peak_rss_mb": round(peak / 1024, 1)}, findings


def run(args: argparse.Namespace) -> int:
    load = os.getloadavg()[0]
    figures: dict[str, object] = {"cores": os.cpu_count(), "workers": args.workers or os.cpu_count(), "load_before": round(load, 2)}
    with tempfile.TemporaryDirectory(prefix="clearpost-auditbench-") as tmp:
        folder = Path(tmp)
        small_archive = write_x_archive(folder / f"x-{args.small}.zip", args.small)
        big_archive = write_x_archive(folder / f"x-{args.posts}.zip", args.posts)
        figures["small"], _ = _measure(small_archive, folder, args.workers)
        figures["big"], exact = _measure(big_archive, folder, args.workers)
        figures["big_batch_model"], batched = _measure(big_archive, folder, args.workers, batch_model=True)
    figures["batch_model_findings_differing"] = len(exact ^ batched)
    figures["load_after"] = round(os.getloadavg()[0], 2)
    small, big, fast = figures["small"], figures["big"], figures["big_batch_model"]
    assert isinstance(small, dict) and isinstance(big, dict) and isinstance(fast, dict)
    figures["posts_per_s"] = round(big["posts"] / big["wall_s"], 1)
    extra = big["wall_s"] - small["wall_s"]
    figures["posts_per_s_after_startup"] = round((big["posts"] - small["posts"]) / extra, 1) if extra > 0 else None
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{figures['cores']} cores, {figures['workers']} workers, load average {figures['load_before']} before, {figures['load_after']} after")
    for label, name in (("small", "exact (default)"), ("big", "exact (default)"), ("big_batch_model", "--batch-model")):
        f = figures[label]
        assert isinstance(f, dict)
        print(f"{f['posts']:>7,} posts, {name:16}: {f['wall_s']:6.1f} s wall (start-up included), {f['posts'] / f['wall_s']:6.1f} posts/s, "
              f"{f['flagged']:,} flagged, peak RSS {f['peak_rss_mb']:.0f} MB (command and workers)")
    print(f"posts/s once started (exact; the difference between the two runs): {figures['posts_per_s_after_startup']}")
    print(f"--batch-model findings that differ from the exact run's: {figures['batch_model_findings_differing']}")
    return 0
