"""Shared fixtures: one real engine (real presidio, real lexicons) for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clearpost import Draft, Engine, builtin_pack

REPO = Path(__file__).resolve().parents[1]
FIRING = {"warn", "block"}


def shared_dir() -> Path:
    """../shared beside the checkout (CI has it too), or $CLEARPOST_SHARED."""
    for candidate in (os.environ.get("CLEARPOST_SHARED"), REPO.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "eval" / "dev.jsonl").exists():
            return Path(candidate)
    raise FileNotFoundError("shared/eval/dev.jsonl not found: set CLEARPOST_SHARED to the shared folder")


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="session")
def fired(engine: Engine):  # type: ignore[no-untyped-def]
    """fired(text, org, account) -> the categories that fire (warn or block)."""

    def run(text: str, org: str = "iuk", account: str = "personal", **kw: object) -> set[str]:
        result = engine.check(Draft(text, account=account, **kw), builtin_pack(org))  # type: ignore[arg-type]
        return {f.category for f in result.findings if f.severity.value in FIRING}

    return run
