"""`python -m clearpost.corpus_findings OUT`: the findings of every check of a fixed corpus, for
telling whether a change to how checks run (memo, scanners, chunking) changed what they find.

Run it on two checkouts and compare the files (`cmp a.jsonl b.jsonl`): identical files mean
identical findings. The corpus is 11,540 texts: both dev sets, tests/data/posts.jsonl, the probes
and functional cases, ToxiGen's statements, TweetEval's val splits, 3,000 of its offensive train
tweets and 600 posts glued from several of those (seeded), each checked in two packs and as both
account types, by one engine whose memo fills as a running service's does. Each line is
[pack, account, index, findings] (offsets and messages, never the text); a text the engine refuses
(a control character in a tweet) is recorded as its error type.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from clearpost.draft import Draft
from clearpost.engine import Engine
from clearpost.errors import InputError
from clearpost.policy import builtin_pack

_REPO = Path(__file__).resolve().parents[2]
PACKS = ("iuk", "lshtm")
GLUED = 600


def corpus(shared: Path) -> list[str]:
    texts: list[str] = []
    for path in (shared / "eval/dev.jsonl", shared / "eval/dev-long.jsonl", _REPO / "tests/data/posts.jsonl",
                 _REPO / "tests/data/probes-unseen.jsonl", _REPO / "tests/data/functional.jsonl"):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in (shared / "data/toxigen/statements.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        texts.append(line.split("\t")[0])
    for task in ("offensive", "hate"):
        texts += (shared / f"data/tweeteval/{task}/val_text.txt").read_text(encoding="utf-8").splitlines()
    rng = random.Random(7)
    texts += rng.sample((shared / "data/tweeteval/offensive/train_text.txt").read_text(encoding="utf-8").splitlines(), 3000)
    pool = list(texts)
    texts += [" ".join(rng.sample(pool, rng.randint(3, 12))) for _ in range(GLUED)]
    return [t for t in texts if t.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clearpost.corpus_findings", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where to write the findings, one JSON line per check")
    parser.add_argument("--shared", type=Path, default=_REPO.parent / "shared", help="the shared folder (default ../shared)")
    args = parser.parse_args(argv)
    if not (args.shared / "eval/dev.jsonl").is_file():
        sys.stderr.write(f"clearpost: error: {args.shared} holds no eval/dev.jsonl; pass --shared <the shared folder>\n")
        return 2
    texts = corpus(args.shared)
    engine = Engine()
    with args.out.open("w", encoding="utf-8") as out:
        for pack_id in PACKS:
            pack = builtin_pack(pack_id)
            for account in ("official", "personal"):
                for i, text in enumerate(texts):
                    try:
                        found: object = engine.check(Draft(text, account=account, platform="x"), pack).to_dicts()
                    except InputError as exc:
                        found = f"error {type(exc).__name__}"
                    out.write(json.dumps([pack_id, account, i, found]) + "\n")
    print(f"{len(texts) * len(PACKS) * 2:,} checks of {len(texts):,} texts written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
