"""Runs an audit on a Ray cluster with Ray Data: a dataset of the accounts' exports, read one
record a row (`flat_map`), checked by a pool of actors that each load the Engine once
(`map_batches`), and streamed back to this machine for the reports. The findings are those of the
local run: the same BatchChecker does the checking.

Ray is imported here only, and only when `--ray` is given: `pip install -e '.[cluster]'` adds it.
On a cluster, every node must be able to read the export paths (a shared folder), and have
Clearpost installed the same way. Ray may spill objects (batches of posts) to its nodes' disks
when their object stores fill: a cluster for audits should be started with spilling off, or to
storage the organisation treats like the exports themselves.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from clearpost.audit.checker import BatchChecker, Checked
from clearpost.audit.records import Problem, Record
from clearpost.audit.report import AccountReport
from clearpost.audit.runner import CHUNK, Settings
from clearpost.audit.sources import Account
from clearpost.errors import InputError

INSTALL = "Ray is not installed: pip install -e '.[cluster]' (or leave out --ray to audit with this machine's cores)"
_FIELDS = ("account", "platform", "post_id", "link", "date", "text", "kind", "source", "problem_where", "problem_what")


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise InputError(INSTALL) from None
    return ray


def _read_export(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One account's export, a row per record (a problem is a row too, with no text)."""
    from pathlib import Path

    account = Account(row["account"], Path(row["path"]), row["platform"])
    for item in account.records():
        if isinstance(item, Problem):
            yield {"account": account.name, "platform": account.platform, "post_id": "", "link": None, "date": None, "text": "",
                   "kind": "problem", "source": item.source, "problem_where": item.where, "problem_what": item.what}
        else:
            yield {"account": account.name, **item.to_row(), "problem_where": None, "problem_what": None}


class AuditActor:
    """A Ray actor: loads the Engine once, then checks batch after batch."""

    def __init__(self, org: str | None, policy: str | None, account_type: str, batch_model: bool) -> None:
        self.checker = BatchChecker(org, policy, account_type, batch_model=batch_model)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        n = len(batch["kind"])
        rows = [{k: batch[k][i] for k in _FIELDS} for i in range(n)]
        wanted = [i for i, r in enumerate(rows) if r["kind"] != "problem"]
        results = self.checker.check([Record.from_row(_plain(rows[i])) for i in wanted])
        findings = [""] * n
        errors: list[str | None] = [None] * n
        for i, checked in zip(wanted, results, strict=True):
            findings[i] = json.dumps(checked.findings, ensure_ascii=False)
            errors[i] = checked.error
        out = dict(batch)
        out["findings"] = np.array(findings, dtype=object)
        out["error"] = np.array(errors, dtype=object)
        return out


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}


def run_ray(accounts: list[Account], settings: Settings, *, address: str | None = None, actors: int | None = None,
            progress: Callable[[int], None] | None = None) -> list[AccountReport]:
    """Audit on the Ray cluster at `address` ("auto": the one this machine is part of; None: the
    Ray already started in this process, else a local one)."""
    ray = _import_ray()
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    if not ray.is_initialized():
        if address in (None, "local"):
            # A Ray of our own on this machine: objects are never spilled to disk, so no part of
            # an archive is written anywhere but the reports.
            ray.init(log_to_driver=False, include_dashboard=False, logging_level=logging.WARNING,
                     _system_config={"automatic_object_spilling_enabled": False})
        else:
            ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
    ray.data.DataContext.get_current().enable_progress_bars = False  # `clearpost audit` draws its own
    size = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    ds = ray.data.from_items([{"account": a.name, "path": str(a.path.resolve()), "platform": a.platform} for a in accounts])
    ds = ds.flat_map(_read_export)
    ds = ds.map_batches(AuditActor, fn_constructor_args=(settings.org, settings.policy, settings.account_type, settings.batch_model),
                        batch_size=CHUNK, batch_format="numpy", compute=ray.data.ActorPoolStrategy(min_size=1, max_size=size), num_cpus=1)
    reports = {a.name: AccountReport(a.name, a.platform, settings.account_type) for a in accounts}
    for row in ds.iter_rows():
        report = reports[row["account"]]
        if row["kind"] == "problem":
            report.add_problem(Problem(row["source"], row["problem_where"], row["problem_what"]))
            continue
        record = Record.from_row({k: row[k] for k in ("platform", "post_id", "link", "date", "text", "kind", "source")})
        report.add(record, Checked(json.loads(row["findings"]), row["error"]))
        if progress is not None:
            progress(1)
    return [reports[a.name] for a in accounts]
