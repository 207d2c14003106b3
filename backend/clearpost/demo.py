"""`clearpost demo`: check a few sample posts and print what Clearpost says about each."""

from __future__ import annotations

import json
import sys
from importlib import resources

from clearpost.cli import _print_findings
from clearpost.draft import Draft
from clearpost.engine import Engine
from clearpost.policy import builtin_pack


def run_demo() -> int:
    engine = Engine()
    samples = resources.files("clearpost").joinpath("samples/demo.jsonl").read_text("utf-8")
    for line in samples.splitlines():
        sample = json.loads(line)
        pack = builtin_pack(sample["org"])
        sample_post = sample["text"]  # a shipped sample, never a user's draft
        draft = Draft(sample_post, account=sample["account"], platform=sample["platform"],
                      attachments=tuple(sample.get("attachments", ())))
        print(f"--- {pack.name}, {sample['account']} account on {sample['platform']}:")
        print(f"    {sample_post}")
        _print_findings(sys.stdout, sample_post, engine.check(draft, pack).findings, pack)
        print()
    print("Check your own: .venv/bin/clearpost check --org iuk --account personal \"your post\"")
    return 0
