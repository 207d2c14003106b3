"""What every check is: one category, one job, `analyze(context) -> hits`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from clearpost.draft import Draft
from clearpost.findings import Hit
from clearpost.policy import PolicyPack


@dataclass(frozen=True)
class CheckContext:
    """The draft and the organisation, with what several checks need computed once."""

    draft: Draft
    pack: PolicyPack
    org_mentions: tuple[tuple[int, int], ...] = field(default=())

    @property
    def text(self) -> str:
        return self.draft.text

    @property
    def names_org(self) -> bool:
        return bool(self.org_mentions)

    @classmethod
    def build(cls, draft: Draft, pack: PolicyPack) -> CheckContext:
        mentions = tuple(m.span() for m in pack.mention_pattern.finditer(draft.text))
        return cls(draft=draft, pack=pack, org_mentions=mentions)


class Check(Protocol):
    category: ClassVar[str]

    def analyze(self, ctx: CheckContext) -> list[Hit]: ...
