"""The toxicity check per behaviour, on Clearpost's own functional cases (tests/data/functional.jsonl).

    python -m clearpost.functional [--json] [FILE]       # `make eval` runs it

Each case is a short post that should fire (hateful) or stay quiet (non-hateful); the figure per
behaviour is the share of cases the product gets right. A case counts as flagged as TweetEval's
do: `toxicity` or `profanity` at warn or block, iuk pack, personal account. Cases whose template
was held out of training (`split: heldout`) are reported on their own: they are the honest figure;
the train templates only show that nothing regressed. models/functional_cases.py writes the file.

With --toxigen SHARED it also scores the fifth of ToxiGen's human-written statements that
`make model` keeps out of training (picked by a hash of the text, as models/train_toxicity.py
does): implicit hate and neutral mentions of groups, written by people outside this team.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from clearpost.errors import InputError
from clearpost.findings import Severity
from clearpost.model_input import in_toxigen_val

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "tests" / "data" / "functional.jsonl"
FLAG_CATEGORIES = ("toxicity", "profanity")
LABELS = ("hateful", "non-hateful")


def read_cases(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the functional cases ({exc.strerror or exc})") from None
    cases = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not a JSON object ({exc.msg})") from None
        missing = {"id", "behaviour", "label", "split", "text"} - set(case)
        if missing or case["label"] not in LABELS:
            raise InputError(f"{path}:{number}: needs id, behaviour, label (hateful or non-hateful), split and text")
        cases.append(case)
    return cases


def flag_cases(cases: list[dict[str, Any]]) -> list[bool]:
    from clearpost.draft import Draft
    from clearpost.engine import Engine
    from clearpost.policy import builtin_pack

    engine, pack = Engine(), builtin_pack("iuk")
    flagged = []
    for case in cases:
        findings = engine.check(Draft(case["text"], account="personal", platform="x"), pack).findings
        flagged.append(any(f.category in FLAG_CATEGORIES and f.severity.rank >= Severity.WARN.rank for f in findings))
    return flagged


def toxigen_val(shared: Path) -> list[dict[str, Any]]:
    """ToxiGen's validation fifth as cases: sha256(text) % 5 == 0, exactly the statements training skips."""
    path = shared / "data" / "toxigen" / "statements.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError as exc:
        raise InputError(f"{path}: cannot read ToxiGen's statements ({exc.strerror or exc}); pass --toxigen, the shared folder") from None
    cases = []
    for line in lines:
        label, group, text = line.split("\t", 2)
        if in_toxigen_val(text):
            cases.append({"behaviour": f"toxigen {label}", "label": "hateful" if label == "hate" else "non-hateful",
                          "split": "heldout", "group": group, "text": text})
    return cases


def f1_report(cases: list[dict[str, Any]], flagged: list[bool]) -> dict[str, float | int]:
    tp = sum(f and c["label"] == "hateful" for c, f in zip(cases, flagged, strict=True))
    fp = sum(f and c["label"] != "hateful" for c, f in zip(cases, flagged, strict=True))
    fn = sum(not f and c["label"] == "hateful" for c, f in zip(cases, flagged, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 3), "precision": round(precision, 3), "recall": round(recall, 3), "n": len(cases)}


def summarise(cases: list[dict[str, Any]], flagged: list[bool]) -> dict[str, Any]:
    """Share right per behaviour and split, and per label; `average` is the mean of the two labels."""
    right: dict[tuple[str, str], list[bool]] = defaultdict(list)
    should: dict[str, str] = {}
    for case, fired in zip(cases, flagged, strict=True):
        ok = fired == (case["label"] == "hateful")
        should[case["behaviour"]] = "fire" if case["label"] == "hateful" else "stay quiet"
        for split in (case["split"], "all"):
            right[(case["behaviour"], split)].append(ok)
            right[("label:" + case["label"], split)].append(ok)
    out: dict[str, Any] = {"behaviours": {}, "overall": {}}
    for (key, split), oks in sorted(right.items()):
        figure = {"right": round(sum(oks) / len(oks), 3), "n": len(oks)}
        if key.startswith("label:"):
            out["overall"].setdefault(key[6:], {})[split] = figure
        else:
            out["behaviours"].setdefault(key, {"should": should[key]})[split] = figure
    for split in ("all", "train", "heldout"):
        per_label = [out["overall"].get(label, {}).get(split) for label in LABELS]
        if all(per_label):
            out["overall"].setdefault("average", {})[split] = {"right": round(sum(p["right"] for p in per_label) / 2, 3)}
    return out


def _print(summary: dict[str, Any], out: Any) -> None:
    def cell(figures: dict[str, Any], split: str) -> str:
        f = figures.get(split)
        return f"{f['right']:6.1%} ({f['n']:>3})" if f and "n" in f else (f"{f['right']:6.1%}      " if f else "     -      ")

    out.write("Functional cases (tests/data/functional.jsonl): share right; toxicity or profanity at warn/block\n")
    out.write(f"{'behaviour':28} {'should':11} {'held-out templates':>19} {'train templates':>16}\n")
    for name, figures in summary["behaviours"].items():
        out.write(f"{name:28} {figures['should']:11} {cell(figures, 'heldout'):>19} {cell(figures, 'train'):>16}\n")
    for name, figures in summary["overall"].items():
        out.write(f"{'overall ' + name:28} {'':11} {cell(figures, 'heldout'):>19} {cell(figures, 'train'):>16}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clearpost.functional", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--toxigen", type=Path, metavar="SHARED", help="also score ToxiGen's held-out fifth from this shared folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        cases = read_cases(args.file)
        toxigen = toxigen_val(args.toxigen) if args.toxigen else []
    except InputError as exc:
        sys.stderr.write(f"clearpost: error: {exc}\n")
        return 2
    flagged = flag_cases(cases + toxigen)
    summary = summarise(cases, flagged[: len(cases)])
    if toxigen:
        summary["toxigen_heldout"] = f1_report(toxigen, flagged[len(cases):])
    if args.json:
        print(json.dumps(summary))
        return 0
    _print(summary, sys.stdout)
    if toxigen:
        t = summary["toxigen_heldout"]
        print(f"ToxiGen statements held out of training (n={t['n']}): hate F1 {t['f1']:.3f} (P {t['precision']:.3f}, R {t['recall']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
