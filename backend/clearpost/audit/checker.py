"""Checks a batch of past posts with one Engine; optionally (`batch_model`) scores the toxicity
model for many posts in a few `session.run` calls instead of one per post.

By default every post is scored alone, exactly as `clearpost check` scores it. Batching across
posts cannot be exact with the shipped model: it is int8 with activations quantised per tensor
(DynamicQuantizeLinear), so a row's scores depend on the other rows in its batch. Measured on
2,200 generated posts, on two versions of the model (2026-12-02): batched with rows of the same
length (no padding), a score moved by up to 0.098 and 0.089; padded to a longer row, by up to
0.16. So the batched mode:
- batches a row only with rows of its own length, unpadded, as `score_post` scores each chunk alone;
- does not answer from the batch for a post with any score within `MARGIN` (0.2) of a threshold
  the check uses: that post is scored alone, as the engine scores it.
A finding can then change only if batching moves a score by more than 0.2 (twice the most seen);
`clearpost auditbench` compares both modes' findings on its 20,000 posts. A model with per-row
(or no) activation quantisation would make the batched scores exact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from clearpost import disguise
from clearpost.audit.records import Record
from clearpost.checks.toxicity import ToxicityCheck
from clearpost.draft import Draft
from clearpost.engine import Engine
from clearpost.errors import ClearpostError
from clearpost.findings import Severity
from clearpost.policy import PolicyPack, resolve_pack
from clearpost.toxicity_model import ToxicityModel

# At most this many rows (of one length) in one session.run.
MODEL_BATCH = 64
# A batched score this close to a threshold is not trusted: the post is scored alone.
MARGIN = 0.2
# Control characters other than tab and newlines are not text (Draft refuses them); an archive
# may hold a few. They are read as spaces, so offsets still point into the post as exported.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FIRING = Severity.WARN.rank


class PrefetchingModel:
    """Stands in for the ToxicityModel: `prefetch(texts)` scores many posts' chunks together;
    `score_ids(ids)` answers from them, or asks the real model to score a row not prefetched alone."""

    def __init__(self, model: ToxicityModel, thresholds: dict[str, float]) -> None:
        self._model = model
        self._thresholds = thresholds
        self._cache: dict[tuple[int, ...], dict[str, float]] = {}
        self.hits = self.misses = self.runs = self.near = 0
        self.rows = self.near_rows = 0  # rows prefetched and kept; rows of posts left to be scored alone

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def prefetch(self, texts: Sequence[str]) -> None:
        self._cache.clear()
        model, heads = self._model, self._model.heads
        wanted = list(dict.fromkeys(texts))
        chunks = [model.chunks(t) for t in wanted]
        # row length -> the rows of that length: post i's chunk j.
        groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for i, post in enumerate(chunks):
            for j, (_, _, ids) in enumerate(post):
                groups[len(ids)].append((i, j))
        scored: list[list[dict[str, float] | None]] = [[None] * len(post) for post in chunks]
        for width, members in sorted(groups.items()):
            for k in range(0, len(members), MODEL_BATCH):
                group = members[k:k + MODEL_BATCH]
                result = self._run([chunks[i][j][2] for i, j in group], width)
                for (i, j), row in zip(group, result, strict=True):
                    scored[i][j] = {h: float(row[n]) for n, h in enumerate(heads)}
        for post, got in zip(chunks, scored, strict=True):
            ready = [c for c in got if c is not None]
            if any(abs(c[h] - t) < MARGIN for c in ready for h, t in self._thresholds.items()):
                self.near += 1  # left for score_ids to score alone
                self.near_rows += len(post)
                continue
            for (_, _, ids), scores in zip(post, ready, strict=True):
                self._cache[tuple(ids)] = scores
                self.rows += 1

    def _run(self, rows: list[list[int]], width: int) -> np.ndarray:
        """As ToxicityModel._run, for rows that are all `width` long."""
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for n, row in enumerate(rows):
            ids[n, : len(row)] = row
            mask[n, : len(row)] = 1
        self.runs += 1
        return np.asarray(self._model._session.run(["scores"], {"input_ids": ids, "attention_mask": mask})[0], dtype=np.float32)

    def score_ids(self, ids: list[int]) -> dict[str, float]:
        cached = self._cache.get(tuple(ids))
        if cached is None:
            self.misses += 1  # not foreseen, or near a threshold: scored alone, as the engine does
            return self._model.score_ids(ids)
        self.hits += 1
        return dict(cached)


@dataclass(frozen=True)
class Checked:
    """One post's findings (dicts as in schemas/finding.schema.json), or why it could not be checked."""

    findings: list[dict[str, Any]]
    error: str | None = None

    @property
    def flagged(self) -> bool:
        return any(Severity(f["severity"]).rank >= FIRING for f in self.findings)


class BatchChecker:
    """One Engine for a worker's life; `check(records)` checks a batch of posts."""

    def __init__(self, org: str | None, policy: str | None, account: str, *, batch_model: bool = False) -> None:
        self.engine = Engine(model_threads=1)
        self.pack: PolicyPack = resolve_pack(org, policy)
        self.account = account
        self._tox = self.engine.checks.get(ToxicityCheck.category)
        self.model: PrefetchingModel | None = None
        # Batching needs every threshold the check uses to be one of the model's heads (to guard it).
        if batch_model and isinstance(self._tox, ToxicityCheck) and set(self._tox.thresholds) <= set(self._tox.model.heads):
            self.model = PrefetchingModel(self._tox.model, dict(self._tox.thresholds))
            self._tox.model = self.model  # type: ignore[assignment]  # the same interface
        self._tox_wanted = any(r.category == ToxicityCheck.category and account in r.accounts for r in self.pack.rules)

    def check(self, records: Sequence[Record]) -> list[Checked]:
        drafts: list[Draft | Checked] = [self._draft(r) for r in records]
        if self.model is not None and self._tox_wanted:
            self._prefetch([d for d in drafts if isinstance(d, Draft)])
        out = []
        for d in drafts:
            if isinstance(d, Checked):
                out.append(d)
                continue
            try:
                out.append(Checked(self.engine.check(d, self.pack).to_dicts()))
            except ClearpostError as exc:
                out.append(Checked([], f"could not be checked: {exc}"))
        return out

    def _draft(self, record: Record) -> Draft | Checked:
        text = _CONTROL.sub(" ", record.text)
        if not text.strip():
            return Checked([])  # nothing written: a photo with no caption
        try:
            return Draft(text, account=self.account, platform=record.platform)
        except ClearpostError as exc:
            return Checked([], f"could not be checked: {exc}")

    def _prefetch(self, drafts: list[Draft]) -> None:
        assert self.model is not None and isinstance(self._tox, ToxicityCheck)
        try:
            views = [self._tox._model_view(disguise.normalise(d.text).text) for d in drafts]
            self.model.prefetch(views)
        except (AttributeError, TypeError):
            # The check's internals changed: every post is scored on its own, as before.
            self.model = None
            self._tox.model = self._tox.model._model  # type: ignore[attr-defined]
