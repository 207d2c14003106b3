"""`clearpost tweeteval`: the product's figure on real tweets, and choosing its thresholds.

A tweet counts as flagged when the engine reports `toxicity` or `profanity` at warn or block
for a personal account, exactly as a user would see it. Test figures come from the shipped
files as they are; `--calibrate` is refused on test, so thresholds are only ever chosen on val.

    clearpost tweeteval                       # offensive and hate test splits, with the shipped thresholds
    clearpost tweeteval --split val --calibrate --save   # choose thresholds on val, write them to toxicity.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from clearpost.checks.toxicity import THRESHOLD_NAMES, ToxicityCheck
from clearpost.draft import MAX_CHARS, Draft
from clearpost.errors import InputError
from clearpost.findings import Finding, Severity
from clearpost.policy import PolicyPack, builtin_pack

if TYPE_CHECKING:
    from clearpost.engine import Engine

TASKS = ("offensive", "hate")
_REPO = Path(__file__).resolve().parents[2]
FLAG_CATEGORIES = ("toxicity", "profanity")
_GRID = [round(float(x), 2) for x in np.arange(0.30, 0.97, 0.01)]


@dataclass
class SplitScores:
    labels: np.ndarray
    rules_flagged: np.ndarray  # flagged with the model switched off
    # Per tweet, the highest chunk score: `offensive` over the chunks addressed to or about a
    # person or group (0 when none is), `hate` over every chunk.
    model: dict[str, np.ndarray]


def read_split(shared: Path, task: str, split: str) -> tuple[list[str], list[int]]:
    folder = shared / "data" / "tweeteval" / task
    try:
        texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
        labels = [int(x) for x in (folder / f"{split}_labels.txt").read_text(encoding="utf-8").split()]
    except FileNotFoundError as exc:
        raise InputError(f"{exc.filename} not found: pass --shared, the folder that holds data/tweeteval") from None
    if len(texts) != len(labels):
        raise InputError(f"{folder}: {split} has {len(texts)} texts but {len(labels)} labels")
    return texts, labels


def macro_f1(labels: np.ndarray, flagged: np.ndarray) -> float:
    f1s = []
    for cls in (0, 1):
        tp = int(np.sum((flagged == cls) & (labels == cls)))
        fp = int(np.sum((flagged == cls) & (labels != cls)))
        fn = int(np.sum((flagged != cls) & (labels == cls)))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def _report(labels: np.ndarray, flagged: np.ndarray) -> dict[str, float | int]:
    tp = int(np.sum(flagged & (labels == 1)))
    fp = int(np.sum(flagged & (labels == 0)))
    fn = int(np.sum(~flagged & (labels == 1)))
    return {
        "macro_f1": round(macro_f1(labels, flagged.astype(int)), 4),
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "accuracy": round(float(np.mean(flagged.astype(int) == labels)), 4),
        "n": len(labels), "tp": tp, "fp": fp, "fn": fn,
    }


def _fires(findings: tuple[Finding, ...], categories: tuple[str, ...]) -> bool:
    return any(f.category in categories and f.severity.rank >= Severity.WARN.rank for f in findings)


def score_posts(engine: Engine, toxicity: ToxicityCheck, drafts: list[tuple[Draft | None, PolicyPack]],
                labels: list[int], categories: tuple[str, ...] = FLAG_CATEGORIES) -> SplitScores:
    """One pass of the real engine with the model off, plus the model's scores per post."""
    saved = dict(toxicity.thresholds)
    toxicity.thresholds = {name: 2.0 for name in saved}  # no probability reaches 2: model off
    rules = []
    try:
        for draft, pack in drafts:
            rules.append(draft is not None and _fires(engine.check(draft, pack).findings, categories))
    finally:
        toxicity.thresholds = saved
    model: dict[str, list[float]] = {name: [] for name in THRESHOLD_NAMES}
    for draft, _ in drafts:
        chunks = toxicity.model_scores(draft.text) if draft is not None else []
        model["offensive"].append(max((c.scores["offensive"] for c, addressed in chunks if addressed), default=0.0))
        model["hate"].append(max((c.scores["hate"] for c, _ in chunks), default=0.0))
    return SplitScores(np.array(labels), np.array(rules), {k: np.array(v) for k, v in model.items()})


def score_split(engine: Engine, toxicity: ToxicityCheck, texts: list[str], labels: list[int]) -> SplitScores:
    """Tweets as drafts from a personal account under the iuk pack, which checks toxicity and profanity."""
    pack = builtin_pack("iuk")
    drafts: list[tuple[Draft | None, PolicyPack]] = []
    for text in texts:
        try:
            drafts.append((Draft(text[:MAX_CHARS], account="personal", platform="x"), pack))
        except InputError:  # an empty tweet: nothing to flag
            drafts.append((None, pack))
    return score_posts(engine, toxicity, drafts, labels)


def flagged_at(scores: SplitScores, thresholds: dict[str, float]) -> np.ndarray:
    """What the engine flags at these thresholds: a model hit is only dropped where a rule already flags."""
    return np.asarray(scores.rules_flagged | np.any([scores.model[name] >= thresholds[name] for name in THRESHOLD_NAMES], axis=0), dtype=bool)


def guard_posts(shared: Path, engine: Engine, toxicity: ToxicityCheck) -> SplitScores:
    """Labelled staff posts that calibration may not break: the dev set and tests/data/posts.jsonl.

    Label 1: toxicity expected; 0: toxicity neither expected nor allowed; posts that allow it are left out.
    """
    cases = []
    for path in (shared / "eval" / "dev.jsonl", _REPO / "tests" / "data" / "posts.jsonl"):
        if path.exists():
            cases += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = [c for c in cases if "toxicity" in c["expect"] or "toxicity" not in c.get("allow", [])]
    drafts: list[tuple[Draft | None, PolicyPack]] = [
        (Draft(c["text"], account=c["account"], platform=c["platform"]), builtin_pack(c["org"])) for c in cases
    ]
    return score_posts(engine, toxicity, drafts, [int("toxicity" in c["expect"]) for c in cases], ("toxicity",))


def calibrate(per_task: dict[str, SplitScores], guard: SplitScores) -> tuple[dict[str, float], float]:
    """The thresholds with the best offensive val macro-F1 (ties: hate val) that raise no false
    alarm and miss nothing on the guard posts."""
    best: tuple[tuple[float, float], dict[str, float]] = ((-1.0, -1.0), {})
    for t_off in _GRID:
        for t_hate in _GRID:
            thresholds = {"offensive": t_off, "hate": t_hate}
            if not np.array_equal(flagged_at(guard, thresholds), guard.labels == 1):
                continue
            key = tuple(macro_f1(per_task[t].labels, flagged_at(per_task[t], thresholds).astype(int)) if t in per_task else 0.0
                        for t in TASKS)
            if key > best[0]:
                best = (key[0], key[1]), thresholds
    if not best[1]:
        raise InputError("no thresholds keep the guard posts right; check the rules before calibrating")
    return best[1], best[0][0]


def run_tweeteval(*, shared: Path, split: str, tasks: tuple[str, ...], calibrate_now: bool, save: bool, as_json: bool) -> int:
    if calibrate_now and split != "val":
        raise InputError("--calibrate only runs on --split val: thresholds are never chosen on test")
    if save and not calibrate_now:
        raise InputError("--save writes thresholds chosen by --calibrate; add --calibrate")
    data = {task: read_split(shared, task, split) for task in tasks}
    from clearpost.engine import Engine

    engine = Engine()
    toxicity = engine.checks["toxicity"]
    assert isinstance(toxicity, ToxicityCheck)
    per_task = {task: score_split(engine, toxicity, *data[task]) for task in tasks}

    thresholds = dict(toxicity.thresholds)
    out: dict[str, object] = {"split": split}
    if calibrate_now:
        thresholds, objective = calibrate(per_task, guard_posts(shared, engine, toxicity))
        out["calibrated_offensive_val_macro_f1"] = round(objective, 4)
        if save:
            _save_thresholds(toxicity, thresholds)
    out["thresholds"] = thresholds
    for task, scores in per_task.items():
        out[task] = _report(scores.labels, flagged_at(scores, thresholds))
        out[f"{task}_rules_only"] = _report(scores.labels, scores.rules_flagged)
    if as_json:
        print(json.dumps(out))
    else:
        print(f"TweetEval {split} split, flagged = toxicity or profanity at warn/block (iuk pack, personal account)")
        print(f"model thresholds: {', '.join(f'{h} {t:.2f}' for h, t in thresholds.items())}")
        for task in per_task:
            r, rules_only = out[task], out[f"{task}_rules_only"]
            assert isinstance(r, dict) and isinstance(rules_only, dict)
            print(f"{task:9}  macro-F1 {r['macro_f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}  "
                  f"(n={r['n']}; rules and lexicons alone: macro-F1 {rules_only['macro_f1']:.3f})")
    return 0


def _save_thresholds(toxicity: ToxicityCheck, thresholds: dict[str, float]) -> None:
    from clearpost.toxicity_model import model_dir

    path = model_dir() / "toxicity.json"
    meta = dict(toxicity.model.meta)
    meta["check_thresholds"] = thresholds
    meta["check_thresholds_chosen_by"] = (
        "clearpost tweeteval --split val --calibrate: best TweetEval offensive val macro-F1 (ties: hate val) "
        "with no false alarm or miss on the dev set and tests/data/posts.jsonl"
    )
    path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote thresholds to {path}\n")
