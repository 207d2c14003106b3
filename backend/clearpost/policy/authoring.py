"""Writing a pack: a commented copy of a built-in one (`pack new`), every problem with its line
(`pack check`), and a page for staff on what Clearpost checks for them (`pack show`)."""

from __future__ import annotations

import datetime as dt
import html
from importlib import resources
from pathlib import Path

from clearpost.categories import CATEGORIES
from clearpost.errors import PolicyPackError
from clearpost.policy.pack import BUILTIN_PACKS, PolicyPack, Rule, _dates_to_text, _Where, error_path, parse_pack, schema_message
from clearpost.policy.patterns import MAX_PATTERNS_TOTAL, MAX_WORDS_TOTAL
from clearpost.schema import field_path, parse_toml, schema_errors

# Comments written above each top-level field of a new pack.
FIELD_DOCS: dict[str, str] = {
    "schema_version": "The pack format. Always 1.",
    "id": "A short id for your pack: lower-case letters, digits and -, 2 to 32 characters. Give it your own (not a built-in one).",
    "name": "Your organisation's name, as staff see it in the extension.",
    "policy": "The title and date of the policy document these rules encode.",
    "version": "The pack's version, a whole number. Raise it by one for each release: machines refuse a version\n"
               "older than one they have accepted. Needed to sign the pack.",
    "issued": "The date this version is issued, written without quotes (YYYY-MM-DD). Needed to sign.",
    "expires": "The last day this version is valid (UTC), without quotes. After it, machines refuse the pack and\n"
               "keep their last good one, so publish the next version before then. Needed to sign.",
    "names": "Names that identify your organisation, matched as whole words ignoring case.",
    "short_names": "Short names and acronyms, matched as whole words with case (\"QMUL\" but not \"qmul\").",
    "handles": "Your organisation's own accounts (@handle); posting as one of them is checked as official.",
    "domains": "Domains of your published contact addresses: those addresses are never personal data.",
    "contact_phones": "Published office phone numbers, which are never personal data.",
    "contact_postcodes": "Postcodes of your published addresses.",
    "disclaimer": "The personal-capacity sentence Clearpost offers to append. Required if any rule has category \"disclaimer\".",
}

RULES_DOC = """\
# Each [[rules]] block is one clause of your policy that Clearpost enforces:
#   id        a unique id for the rule (lower-case letters, digits and -)
#   category  what the check looks for: """ + ", ".join(CATEGORIES) + """
#   signal    optional: for disclaimer, main (names you without a disclaimer), indirect ("our chair")
#             or profile; for media, attachment. Default main.
#   accounts  which accounts it applies to: ["official"], ["personal"] or both
#   when_org_named  optional: true to apply only when the post names your organisation
#   severity  block (must change before posting), warn (should change) or info (a reminder)
#   clause    the clause of your policy it cites, e.g. "QMUL 4.2"
#   why       what the clause asks, in plain English, shown to the user
"""

EXTRA_DOC = f"""
# Your own words and patterns, per category (optional). For example, internal project code names
# as confidential. Words match as whole words ignoring case; patterns are Python regular
# expressions, matched ignoring case. Limits keep a check fast: 200 words and 20 patterns per
# category ({MAX_WORDS_TOTAL} words and {MAX_PATTERNS_TOTAL} patterns in all), patterns of at most 200 characters with no nested
# repeats such as (a+)+ and no backreferences. The category needs at least one rule below.
#
# [extra.confidential]
# what = "An internal project code name"
# words = ["Project Bluebird", "Operation Kestrel"]
# patterns = ['\\bPRJ-\\d{{4}}\\b']
"""

CATEGORY_TEXT: dict[str, str] = {
    "personal-data": "Personal information about people: phone numbers, home addresses, emails, health and other private details",
    "toxicity": "Abuse, harassment, threats and discriminatory language",
    "profanity": "Swearing and offensive language",
    "confidential": "Information that is not public yet: internal, embargoed, draft, from closed meetings",
    "credentials": "Passwords, access codes, meeting links and keys",
    "disclaimer": "Posts that mention the organisation from a personal account without saying the views are your own",
    "opinion": "Personal opinions that could be taken as the organisation's view",
    "political": "Party-political statements",
    "commercial": "Promoting or endorsing products and services",
    "media": "Reminders about attached images and videos",
}
SEVERITY_TEXT = {"block": "must be changed before posting", "warn": "should be changed", "info": "a reminder"}


# --- pack new --------------------------------------------------------------------------------

def new_pack_text(from_id: str, *, pack_id: str | None = None, today: dt.date | None = None) -> str:
    """A built-in pack's TOML with comments on every field, version 1 issued today for a year."""
    if from_id not in BUILTIN_PACKS:
        raise PolicyPackError(f"unknown built-in pack {from_id!r}; start from one of {', '.join(BUILTIN_PACKS)}")
    today = today or dt.datetime.now(dt.UTC).date()
    try:
        expires = today.replace(year=today.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        expires = today + dt.timedelta(days=364)
    source = resources.files("clearpost").joinpath(f"packs/{from_id}.toml").read_text("utf-8")
    new_id = pack_id or f"our-{from_id}"
    out = [
        f"# Your organisation's Clearpost policy pack, started from the built-in {from_id!r} pack.",
        "# Edit it, then: `clearpost pack check FILE` (finds mistakes, with their line),",
        "# `clearpost pack show FILE --html` (the page for staff), and `clearpost pack sign FILE --key KEY`.",
        "# Comments starting with # are ignored. See 'Rolling out Clearpost in your organisation' in the README.",
        "#",
        "# The built-in pack's own notes follow.",
    ]
    documented: set[str] = set()
    in_rules = False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == "[[rules]]" and not in_rules:
            out += ["", *EXTRA_DOC.strip("\n").splitlines(), "", *RULES_DOC.rstrip("\n").splitlines()]
            in_rules = True
        key = stripped.split("=", 1)[0].strip() if "=" in stripped and not stripped.startswith("#") else None
        if not in_rules and key in FIELD_DOCS and key not in documented:
            documented.add(key)
            out += [f"# {doc_line}" for doc_line in FIELD_DOCS[key].splitlines()]
        if not in_rules and key == "id":
            line = f'id = "{new_id}"'
        out.append(line)
        if not in_rules and key == "policy":
            for name, value in (("version", "1"), ("issued", today.isoformat()), ("expires", expires.isoformat())):
                out += [f"# {doc_line}" for doc_line in FIELD_DOCS[name].splitlines()]
                out.append(f"{name} = {value}")
    offered = [f"# {FIELD_DOCS[key]}\n# {key} = []"  # fields the built-in pack leaves out, offered commented
               for key in ("short_names", "handles", "domains", "contact_phones", "contact_postcodes") if key not in documented]
    at = _after_last_top_level_key(out)
    out[at:at] = offered
    text = "\n".join(out) + "\n"
    parse_pack(text.encode("utf-8"), f"a new pack from {from_id}")  # never hand out a pack that does not load
    return text


def _after_last_top_level_key(lines: list[str]) -> int:
    first_rule = next((i for i, line in enumerate(lines) if line.strip() == "[[rules]]"), len(lines))
    comment_start = first_rule
    while comment_start > 0 and (lines[comment_start - 1].startswith("#") or not lines[comment_start - 1].strip()):
        comment_start -= 1
    return comment_start


# --- pack check ------------------------------------------------------------------------------

def check_pack(path: str | Path) -> tuple[PolicyPack, list[str]]:
    """The pack and notes on it (such as "not ready to sign"); PolicyPackError lists every
    problem the schema finds, one per line, each with its file, line and field."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyPackError(f"{path}: cannot read the policy pack ({exc.strerror or exc})") from None
    source = str(path)
    data = parse_toml(raw, source, PolicyPackError, "pack")
    where = _Where(raw, source)
    _dates_to_text(data, where)
    errors = schema_errors("policy-pack.schema.json", data)
    if errors:
        lines = [f"{where(error_path(e), field_path(e))}: {schema_message(e)}" for e in errors]
        raise PolicyPackError(f"{len(lines)} problem(s):\n" + "\n".join(lines) if len(lines) > 1 else lines[0])
    pack = parse_pack(raw, source)
    notes = []
    missing = [name for name in ("version", "issued", "expires") if getattr(pack, name) is None]
    if missing:
        notes.append(f"not ready to sign: add {', '.join(missing)} (see `clearpost pack new`)")
    elif pack.expires is not None and pack.issued is not None and pack.expires < pack.issued:
        notes.append(f"expires ({pack.expires}) is before issued ({pack.issued}); signing will refuse it")
    return pack, notes


# --- pack show -------------------------------------------------------------------------------

def _applies(rule: Rule) -> str:
    accounts = " and ".join(sorted(rule.accounts, key=["official", "personal"].index))
    where = f"{accounts} account{'s' if len(rule.accounts) > 1 else ''}"
    return where + (", when the post names the organisation" if rule.when_org_named else "")


def _grouped(pack: PolicyPack) -> list[tuple[str, list[Rule]]]:
    return [(c, [r for r in pack.rules if r.category == c]) for c in CATEGORIES if any(r.category == c for r in pack.rules)]


def _dates(pack: PolicyPack) -> str:
    parts = []
    if pack.version is not None:
        parts.append(f"version {pack.version}")
    if pack.issued:
        parts.append(f"issued {pack.issued.isoformat()}")
    if pack.expires:
        parts.append(f"valid until {pack.expires.isoformat()}")
    return ", ".join(parts)


def render_text(pack: PolicyPack) -> str:
    out = [f"What Clearpost checks for us: {pack.name}", f"Policy: {pack.policy}"]
    if _dates(pack):
        out.append(_dates(pack).capitalize())
    out.append("")
    for category, rules in _grouped(pack):
        out.append(f"{CATEGORY_TEXT.get(category, category)} ({category})")
        extra = pack.extra_for(category)
        if extra:
            out.append(f"  plus {len(extra.words)} word(s) and {len(extra.patterns)} pattern(s) of our own")
        for r in rules:
            out.append(f"  {r.clause}: {SEVERITY_TEXT[r.severity.value]}, on {_applies(r)}")
            out.append(f"    Why: {r.why}")
        out.append("")
    if pack.disclaimer:
        out.append(f'Disclaimer to add when you post in a personal capacity: "{pack.disclaimer}"')
    return "\n".join(out).rstrip("\n") + "\n"


def render_html(pack: PolicyPack) -> str:
    e = html.escape
    sections = []
    for category, rules in _grouped(pack):
        extra = pack.extra_for(category)
        own = f"<p class=own>Plus {len(extra.words)} word(s) and {len(extra.patterns)} pattern(s) of our own.</p>" if extra else ""
        items = "".join(
            f"<li><strong>{e(r.clause)}</strong> <span class=sev-{e(r.severity.value)}>{e(SEVERITY_TEXT[r.severity.value])}</span>"
            f", on {e(_applies(r))}.<br>{e(r.why)}</li>" for r in rules)
        sections.append(f"<section><h2>{e(CATEGORY_TEXT.get(category, category))}</h2>{own}<ul>{items}</ul></section>")
    disclaimer = (f"<p>When you post in a personal capacity about us, add: <q>{e(pack.disclaimer)}</q></p>" if pack.disclaimer else "")
    dates = f"<p class=meta>{e(_dates(pack).capitalize())}</p>" if _dates(pack) else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>What Clearpost checks for us: {e(pack.name)}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
h1{{font-size:1.6rem}}h2{{font-size:1.15rem;margin-top:1.6rem}}li{{margin:.5rem 0}}.meta,.own{{color:#555}}
.sev-block{{color:#a00}}.sev-warn{{color:#8a5a00}}.sev-info{{color:#245}}</style></head>
<body><h1>What Clearpost checks for us</h1>
<p><strong>{e(pack.name)}</strong>: {e(pack.policy)}</p>{dates}
<p>Clearpost reads your draft on your own computer, before you post, and points out anything our policy asks you to
change. Nothing you type leaves your machine.</p>
{"".join(sections)}
{disclaimer}
</body></html>
"""
