"""Runs an audit on this machine: records stream from the exports in chunks to a pool of worker
processes (each loads the Engine once and batches the model across its chunk), and their
findings stream back into the reports. At most a few chunks are in flight, so memory stays flat
whatever the archive's size."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TextIO

from clearpost.audit.checker import BatchChecker, Checked
from clearpost.audit.records import Problem, Record
from clearpost.audit.report import AccountReport
from clearpost.audit.sources import Account

# Posts sent to a worker at a time: enough that many share a token length, so the model scores
# them together (checker.py), and few enough that memory stays small.
CHUNK = 256
IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True)
class Settings:
    org: str | None
    policy: str | None
    account_type: str
    batch_model: bool = False  # score the model for many posts at once (checker.py: faster, not exact)


def stream(accounts: list[Account]) -> Iterator[tuple[int, Record | Problem]]:
    for i, account in enumerate(accounts):
        for item in account.records():
            yield i, item


def count_records(accounts: list[Account]) -> int:
    """How many records there are (a quick pass with no checking), for the progress bar."""
    return sum(1 for _, item in stream(accounts) if isinstance(item, Record))


def chunks(accounts: list[Account], reports: list[AccountReport], size: int = CHUNK) -> Iterator[list[tuple[int, Record]]]:
    """Chunks of records; problems go straight to their account's report."""
    chunk: list[tuple[int, Record]] = []
    for i, item in stream(accounts):
        if isinstance(item, Problem):
            reports[i].add_problem(item)
            continue
        chunk.append((i, item))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_checker: BatchChecker | None = None


def _init_worker(settings: Settings) -> None:
    global _checker
    _checker = BatchChecker(settings.org, settings.policy, settings.account_type, batch_model=settings.batch_model)


def _check_chunk(records: list[Record]) -> list[Checked]:
    assert _checker is not None
    return _checker.check(records)


def run_local(accounts: list[Account], settings: Settings, *, workers: int | None = None,
              progress: Callable[[int], None] | None = None) -> list[AccountReport]:
    """Audit `accounts` with `workers` processes (default: every core; 1 runs in this process)."""
    workers = workers or os.cpu_count() or 1
    reports = [AccountReport(a.name, a.platform, settings.account_type) for a in accounts]

    def take(chunk: list[tuple[int, Record]], results: list[Checked]) -> None:
        for (i, record), checked in zip(chunk, results, strict=True):
            reports[i].add(record, checked)
        if progress is not None:
            progress(len(chunk))

    if workers == 1:
        checker = BatchChecker(settings.org, settings.policy, settings.account_type, batch_model=settings.batch_model)
        for chunk in chunks(accounts, reports):
            take(chunk, checker.check([r for _, r in chunk]))
        return reports

    # spawn, not fork: onnxruntime's threads do not survive a fork.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[tuple[list[tuple[int, Record]], Future[list[Checked]]]] = deque()
        for chunk in chunks(accounts, reports):
            pending.append((chunk, pool.submit(_check_chunk, [r for _, r in chunk])))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                done, future = pending.popleft()
                take(done, future.result())
        while pending:
            done, future = pending.popleft()
            take(done, future.result())
    return reports


class Progress:
    """A progress bar on stderr: posts done, posts per second and time left. The rate is counted
    from the first chunk done, so the workers' start-up (loading the engine) does not skew it."""

    def __init__(self, total: int, *, out: TextIO | None = None) -> None:
        self.total, self.done = total, 0
        self.out: TextIO = out or sys.stderr
        self._first: tuple[float, int] | None = None
        self._last = 0.0

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if self._first is None:
            self._first = (now, self.done)
        if now - self._last < 0.2 and self.done < self.total:
            return
        self._last = now
        since, base = self._first
        rate = (self.done - base) / (now - since) if now > since and self.done > base else 0.0
        left = int((self.total - self.done) / rate) if rate > 0 else None
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        eta = f"{left // 60}:{left % 60:02d}" if left is not None else "-:--"
        self.out.write(f"\r[{bar}] {self.done:,}/{self.total:,} posts  {rate:,.0f} posts/s  {eta} left ")
        self.out.flush()

    def finish(self) -> None:
        self.out.write("\n")
        self.out.flush()
