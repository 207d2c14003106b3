"""Load and validate policy pack files (TOML, checked against the pack JSON Schema)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from clearpost.categories import CATEGORY_SIGNALS
from clearpost.errors import PolicyPackError
from clearpost.findings import Severity
from clearpost.policy.locate import line_of
from clearpost.policy.patterns import MAX_PATTERNS_TOTAL, MAX_WORDS_TOTAL, compiled_patterns, pattern_problem, words_pattern
from clearpost.schema import describe, field_path, parse_toml, schema_errors

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
class ExtraTerms:
    """The organisation's own words and patterns for one category ([extra.<category>])."""

    category: str
    words: tuple[str, ...]
    patterns: tuple[str, ...]
    what: str

    def spans(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        words = words_pattern(self.words)
        if words is not None:
            found += [m.span() for m in words.finditer(text)]
        for pattern in compiled_patterns(self.patterns):
            found += [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
        return found


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
    version: int | None = None
    issued: dt.date | None = None
    expires: dt.date | None = None
    extra: tuple[ExtraTerms, ...] = ()

    def extra_for(self, category: str) -> ExtraTerms | None:
        return next((e for e in self.extra if e.category == category), None)

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
            "version": self.version,
            "issued": self.issued.isoformat() if self.issued else None,
            "expires": self.expires.isoformat() if self.expires else None,
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


class _Where:
    """Names the file, the line and the field of a problem: `our-pack.toml:23: field rules[2].severity`."""

    def __init__(self, raw: bytes, source: str) -> None:
        self.raw, self.source = raw, source

    def __call__(self, path: list[str | int], field: str | None = None) -> str:
        line = line_of(self.raw.decode("utf-8", "replace"), path) if path else None
        name = field if field is not None else _path_text(path)
        return f"{self.source}:{line}: field {name}" if line else f"{self.source}: field {name}"


def error_path(error: Any) -> list[str | int]:
    """Where a schema error is: for an unknown field, that field itself (so its line is found)."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        path += extra[:1]
    return path


def _path_text(path: list[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def _dates_to_text(data: dict[str, Any], where: _Where) -> None:
    """issued/expires are TOML dates; the schema sees them as ISO text. A quoted date or a
    date-time is refused with the form to use."""
    for key in ("issued", "expires"):
        if key not in data:
            continue
        value = data[key]
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            data[key] = value.isoformat()
        else:
            raise PolicyPackError(f"{where([key])}: must be a TOML date without quotes or a time, such as {key} = 2027-01-31")


def parse_pack(raw: bytes, source: str) -> PolicyPack:
    """A pack from its bytes. Every error names the file, the line (where one can be found)
    and the field, and says what is allowed."""
    data = parse_toml(raw, source, PolicyPackError, "pack")
    where = _Where(raw, source)
    _dates_to_text(data, where)
    errors = schema_errors("policy-pack.schema.json", data)
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s); `clearpost pack check` lists them all)" if len(errors) > 1 else ""
        raise PolicyPackError(f"{where(error_path(first), field_path(first))}: {schema_message(first)}{more}")

    rules: list[Rule] = []
    seen: set[str] = set()
    for i, r in enumerate(data["rules"]):
        if r["id"] in seen:
            raise PolicyPackError(f"{where(['rules', i, 'id'])}: rule id {r['id']!r} is used twice; give each rule its own id")
        seen.add(r["id"])
        signals = CATEGORY_SIGNALS[r["category"]]
        signal = r.get("signal", signals[0])
        if signal not in signals:
            raise PolicyPackError(
                f"{where(['rules', i, 'signal'])}: {signal!r} is not a signal of {r['category']}; use one of {', '.join(signals)}"
            )
        rules.append(Rule(
            id=r["id"], category=r["category"], signal=signal, accounts=frozenset(r["accounts"]),
            when_org_named=r.get("when_org_named", False), severity=Severity(r["severity"]),
            clause=r["clause"], why=r["why"],
        ))
    if "disclaimer" not in data:
        needing = next((i for i, r in enumerate(rules) if r.category == "disclaimer"), None)
        if needing is not None:
            at = line_of(raw.decode("utf-8", "replace"), ["rules", needing])
            rule_at = f" (rule {rules[needing].id!r}{f' on line {at}' if at else ''} needs it)"
            raise PolicyPackError(f"{source}: field disclaimer: required because the pack has disclaimer rules{rule_at}; "
                                  "add disclaimer = \"<your personal-capacity sentence>\"")
    extra = _extra_terms(data.get("extra", {}), rules, where)

    return PolicyPack(
        id=data["id"], name=data["name"], policy=data["policy"],
        names=tuple(data["names"]), short_names=tuple(data.get("short_names", ())),
        handles=tuple(data.get("handles", ())), domains=tuple(data.get("domains", ())),
        contact_phones=tuple(data.get("contact_phones", ())),
        contact_postcodes=tuple(data.get("contact_postcodes", ())),
        disclaimer=data.get("disclaimer"), rules=tuple(rules), source=source,
        version=data.get("version"),
        issued=dt.date.fromisoformat(data["issued"]) if "issued" in data else None,
        expires=dt.date.fromisoformat(data["expires"]) if "expires" in data else None,
        extra=extra,
    )


def schema_message(error: Any) -> str:
    """What is wrong and what is allowed. Pack values are quoted (a pack is not a post)."""
    kind, expected = error.validator, error.validator_value
    said = error.schema.get("description") if isinstance(error.schema, dict) else None
    if kind in ("required", "additionalProperties"):
        return str(error.message)
    if kind == "enum":
        if list(error.absolute_path) == ["extra"]:  # a property name under [extra]
            return f"unknown category {error.instance!r}; use one of {', '.join(map(str, expected))}"
        return f"{error.instance!r} is not allowed; use one of {', '.join(map(str, expected))}"
    text = describe(error)
    if kind in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum") and said:
        text += f"; allowed: {said}"
    return text


def _extra_terms(extra: dict[str, Any], rules: list[Rule], where: _Where) -> tuple[ExtraTerms, ...]:
    terms: list[ExtraTerms] = []
    words_total = patterns_total = 0
    for category, spec in extra.items():
        if not any(r.category == category for r in rules):
            raise PolicyPackError(f"{where(['extra', category])}: the pack has no {category} rule, so these words would never be "
                                  f"reported; add a rule with category = \"{category}\" or remove [extra.{category}]")
        patterns = tuple(spec.get("patterns", ()))
        for j, pattern in enumerate(patterns):
            problem = pattern_problem(pattern)
            if problem:
                raise PolicyPackError(f"{where(['extra', category, 'patterns'], f'extra.{category}.patterns[{j}]')}: "
                                      f"pattern refused: {problem}")
        words = tuple(spec.get("words", ()))
        words_total += len(words)
        patterns_total += len(patterns)
        terms.append(ExtraTerms(category, words, patterns, spec.get("what", f"A term your organisation lists under {category}")))
    if words_total > MAX_WORDS_TOTAL:
        raise PolicyPackError(f"{where(['extra'])}: {words_total} words in all; at most {MAX_WORDS_TOTAL} keep a check fast")
    if patterns_total > MAX_PATTERNS_TOTAL:
        raise PolicyPackError(f"{where(['extra'])}: {patterns_total} patterns in all; at most {MAX_PATTERNS_TOTAL} keep a check fast")
    return tuple(terms)


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
