"""The labelled development set, scored by the shared scorer, meets the issue's bar.

This guards against regressions; the product is built for the category definitions, not these posts.
"""

import json
import subprocess
import sys

from clearpost import Draft, builtin_pack
from tests.conftest import shared_dir


def test_dev_set_quality(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shared = shared_dir()
    cases = [json.loads(line) for line in (shared / "eval/dev.jsonl").read_text("utf-8").splitlines() if line.strip()]
    results = tmp_path / "results.jsonl"
    with results.open("w", encoding="utf-8") as out:
        for c in cases:
            found = engine.check(Draft(c["text"], account=c["account"], platform=c["platform"]), builtin_pack(c["org"]))
            out.write(json.dumps({"id": c["id"], "findings": found.to_dicts()}) + "\n")
    scored = subprocess.run(
        [sys.executable, str(shared / "eval/score.py"), str(shared / "eval/dev.jsonl"), str(results), "--json"],
        capture_output=True, text=True, check=True,
    )
    report = json.loads(scored.stdout)
    assert report["micro"]["f1"] >= 0.90
    assert report["clean_false_positive_rate"] <= 0.05
    for category, figures in report["categories"].items():
        if figures["tp"] + figures["fn"]:
            assert figures["recall"] >= 0.8, category
