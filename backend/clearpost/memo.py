"""The memo of per-sentence work that lets a check of a draft being typed read again only what changed.

Between two checks of one draft most sentences are the same, so the expensive, pure parts of a
check (the model's scores for a chunk of sentences, the toxicity rules' verdict on a sentence)
are kept here, keyed by exactly what they read: the text and the context around it that the
computation looks at. A memo hit is therefore the result a fresh computation would give;
`tests/test_incremental.py` checks that over random edit sequences.

The memo lives in memory only (it holds post text, so it is never written, logged or shown),
holds at most `max_entries` entries (least recently used go first), and the engine clears it
when the policy pack changes. Thread-safe: the service runs checks on two threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")

# About a 3,000-character post's sentences and chunks many times over, for a few composers.
DEFAULT_ENTRIES = 4096


class Memo(Generic[V]):
    def __init__(self, name: str, max_entries: int = DEFAULT_ENTRIES) -> None:
        if max_entries < 1:
            raise ValueError("a memo holds at least one entry")
        self.name = name
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value kept for `key`, else `compute()`, kept. `compute` runs outside the lock: two
        threads may both compute a new key, and both get the same (pure) answer."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]
            self.misses += 1
        value = compute()
        with self._lock:
            self._keep(key, value)
        return value

    def get_all(self, keys: Sequence[Hashable], compute: Callable[[list[Hashable]], Sequence[V]]) -> list[V]:
        """The values for `keys`, those not kept computed in one call `compute(missing keys)` (for
        work with a set-up cost paid once per call), then kept."""
        found: dict[Hashable, V] = {}
        with self._lock:
            for key in keys:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    found[key] = self._entries[key]
            self.hits += len(found)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            values = compute(missing)
            with self._lock:
                self.misses += len(missing)
                for key, value in zip(missing, values, strict=True):
                    found[key] = value
                    self._keep(key, value)
        return [found[k] for k in keys]

    def _keep(self, key: Hashable, value: V) -> None:
        """Under the lock: keep the newest entry, drop the least recently used beyond the bound."""
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:  # never the keys: they hold post text
        return f"Memo({self.name!r}, {len(self)}/{self.max_entries} entries, {self.hits} hits, {self.misses} misses)"
