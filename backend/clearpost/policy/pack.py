"""Load and validate policy pack files (TOML, checked against the pack JSON Schema)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from clearpost.categories import CATEGORY_SIGNALS
from clearpost.errors import PolicyPackError
from clearpost.findings import Severity
from clearpost.schema import field_path, parse_toml, schema_errors

BUILTIN_PACKS = ("ids", "lshtm", "society", "iuk", "qmul")


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    signal: str
    accounts: frozenset[str]
    when_org_named: bool
    severity: Severity
    clause: str
    why: str


@dataclass(frozen=True)
class PolicyPack:
    id: str
    name: str
    policy: str
    names: tuple[str, ...]
    short_names: tuple[str, ...]
    handles: tuple[str, ...]
    domains: tuple[str, ...]
    contact_phones: tuple[str, ...]
    contact_postcodes: tuple[str, ...]
    disclaimer: str | None
    rules: tuple[Rule, ...]
    source: str

    def rules_for(self, category: str, signal: str, account: str) -> list[Rule]:
        return [
            r for r in self.rules
            if r.category == category and r.signal == signal and account in r.accounts
        ]

    @property
    def mention_pattern(self) -> re.Pattern[str]:
        return _mention_pattern(self.names, self.short_names, self.handles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "policy": self.policy,
            "disclaimer": self.disclaimer,
            "rules": [
                {
                    "id": r.id, "category": r.category, "signal": r.signal,
                    "accounts": sorted(r.accounts), "when_org_named": r.when_org_named,
                    "severity": r.severity.value, "clause": r.clause, "why": r.why,
                }
                for r in self.rules
            ],
        }


@cache
def _mention_pattern(names: tuple[str, ...], short_names: tuple[str, ...], handles: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for every way a post can name the organisation.

    Names match ignoring case; short names and acronyms match with case, so "IDS" names the
    Institute and "ids" does not. Handles match ignoring case, not inside a longer handle.
    """
    alts: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        alts.append(r"(?i:\b" + re.escape(name).replace(r"\ ", r"\s+") + r"\b)")
    for short in sorted(short_names, key=len, reverse=True):
        alts.append(r"\b" + re.escape(short) + r"\b")
    for handle in handles:
        alts.append(r"(?i:(?<![\w@])" + re.escape(handle) + r"(?![\w]))")
    return re.compile("|".join(alts))


def load_pack(path: str | Path) -> PolicyPack:
    """Load a pack from a TOML file. Errors name the file and the field."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyPackError(f"{path}: cannot read the policy pack ({exc.strerror or exc})") from None
    return parse_pack(raw, str(path))


def parse_pack(raw: bytes, source: str) -> PolicyPack:
    data = parse_toml(raw, source, PolicyPackError, "pack")
    errors = schema_errors("policy-pack.schema.json", data)
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise PolicyPackError(f"{source}: field {field_path(first)}: {first.message}{more}")

    rules: list[Rule] = []
    seen: set[str] = set()
    for i, r in enumerate(data["rules"]):
        where = f"{source}: field rules[{i}]"
        if r["id"] in seen:
            raise PolicyPackError(f"{where}.id: rule id {r['id']!r} is used twice; give each rule its own id")
        seen.add(r["id"])
        signals = CATEGORY_SIGNALS[r["category"]]
        signal = r.get("signal", signals[0])
        if signal not in signals:
            raise PolicyPackError(
                f"{where}.signal: {signal!r} is not a signal of {r['category']}; use one of {', '.join(signals)}"
            )
        rules.append(Rule(
            id=r["id"], category=r["category"], signal=signal, accounts=frozenset(r["accounts"]),
            when_org_named=r.get("when_org_named", False), severity=Severity(r["severity"]),
            clause=r["clause"], why=r["why"],
        ))
    if any(r.category == "disclaimer" for r in rules) and "disclaimer" not in data:
        raise PolicyPackError(f"{source}: field disclaimer: required because the pack has disclaimer rules")

    return PolicyPack(
        id=data["id"], name=data["name"], policy=data["policy"],
        names=tuple(data["names"]), short_names=tuple(data.get("short_names", ())),
        handles=tuple(data.get("handles", ())), domains=tuple(data.get("domains", ())),
        contact_phones=tuple(data.get("contact_phones", ())),
        contact_postcodes=tuple(data.get("contact_postcodes", ())),
        disclaimer=data.get("disclaimer"), rules=tuple(rules), source=source,
    )


@cache
def builtin_pack(pack_id: str) -> PolicyPack:
    if pack_id not in BUILTIN_PACKS:
        raise PolicyPackError(
            f"unknown organisation {pack_id!r}; built-in packs are {', '.join(BUILTIN_PACKS)} "
            "(or load your own with --policy FILE)"
        )
    resource = resources.files("clearpost").joinpath(f"packs/{pack_id}.toml")
    return parse_pack(resource.read_bytes(), f"packs/{pack_id}.toml")


def resolve_pack(org: str | None, policy_file: str | None) -> PolicyPack:
    """The pack for --org or --policy (a file wins)."""
    if policy_file:
        return load_pack(policy_file)
    if not org:
        raise PolicyPackError(f"no organisation given; use --org with one of {', '.join(BUILTIN_PACKS)} or --policy FILE")
    return builtin_pack(org)
