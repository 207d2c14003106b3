"""`clearpost audit PATH... --org ORG`: the command line. Exit codes as `clearpost check`: 0 nothing
at warn or block, 1 something is, 2 usage or input errors."""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clearpost.draft import ACCOUNT_TYPES
from clearpost.policy import BUILTIN_PACKS, resolve_pack

DEFAULT_HTML = "clearpost-audit.html"


def add_parsers(sub: Any) -> None:
    audit = sub.add_parser("audit", help="audit past posts from the platforms' own exports (X archive, LinkedIn, Instagram)")
    audit.add_argument("paths", nargs="+", metavar="PATH", help="an export (zip, folder or one of its files), or a folder of exports, one per account")
    audit.add_argument("--org", help=f"built-in policy pack: {', '.join(BUILTIN_PACKS)}")
    audit.add_argument("--policy", metavar="FILE", help="your own policy pack (TOML); overrides --org")
    audit.add_argument("--account", choices=ACCOUNT_TYPES, default="official", help="the accounts are official or personal (default official)")
    audit.add_argument("--html", metavar="FILE", default=DEFAULT_HTML, help=f"the report (default ./{DEFAULT_HTML}); with several accounts, the organisation summary, each account's report beside it")
    audit.add_argument("--json", metavar="FILE", help="also write the findings as JSON")
    audit.add_argument("--csv", metavar="FILE", help="also write the flagged posts as CSV, one a row")
    audit.add_argument("--workers", type=_positive, default=None, help="processes to check with (default: every core)")
    audit.add_argument("--ray", metavar="ADDRESS", help="run on a Ray cluster (\"auto\", or ray://HEAD:10001); needs pip install -e '.[cluster]'")
    audit.add_argument("--batch-model", action="store_true",
                       help="score the toxicity model for many posts at once: faster, but not exact with the shipped int8 model (README: Auditing past posts)")
    audit.add_argument("--quiet", action="store_true", help="no progress bar or summary line")

    bench = sub.add_parser("auditbench", help="time `clearpost audit` on generated X archives: posts/s and peak memory")
    bench.add_argument("--posts", type=_positive, default=20_000, help="posts in the big archive (default 20,000)")
    bench.add_argument("--small", type=_positive, default=2_000, help="posts in the small archive, to show memory stays flat (default 2,000)")
    bench.add_argument("--workers", type=_positive, default=None)
    bench.add_argument("--json", action="store_true")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _slug(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "account"


def run(args: argparse.Namespace) -> int:
    from clearpost.audit import files, html
    from clearpost.audit.runner import Progress, Settings, count_records, run_local
    from clearpost.audit.sources import find_accounts

    pack = resolve_pack(args.org, args.policy)  # a bad --org fails before any archive is read
    accounts = find_accounts(args.paths)
    settings = Settings(args.org, args.policy, args.account, batch_model=args.batch_model)
    show = not args.quiet and sys.stderr.isatty()
    progress = Progress(count_records(accounts)) if show else None
    if args.ray:
        from clearpost.audit.ray_runner import run_ray

        reports = run_ray(accounts, settings, address=args.ray, progress=progress)
    else:
        reports = run_local(accounts, settings, workers=args.workers, progress=progress)
    if progress is not None:
        progress.finish()

    generated = datetime.now(UTC)
    out = Path(args.html)
    if len(reports) == 1:
        html.write_page(out, html.account_page(reports[0], pack_name=pack.name, generated=generated))
        written = [out]
    else:
        links = {r.name: f"{out.stem}-{_slug(r.name)}.html" for r in reports}
        written = []
        for r in reports:
            page = out.with_name(links[r.name])
            html.write_page(page, html.account_page(r, pack_name=pack.name, generated=generated))
            written.append(page)
        html.write_page(out, html.organisation_page(reports, links, pack_name=pack.name, generated=generated))
        written.insert(0, out)
    if args.json:
        files.write_json(Path(args.json), reports, pack_id=pack.id)
        written.append(Path(args.json))
    if args.csv:
        files.write_csv(Path(args.csv), reports)
        written.append(Path(args.csv))

    problems = [(r.name, p) for r in reports for p in r.problems]
    for name, p in problems[:20]:
        sys.stderr.write(f"clearpost: skipped: {name}: {p}\n")
    if len(problems) > 20:
        sys.stderr.write(f"clearpost: skipped {len(problems) - 20} more records; every one is listed in the report\n")
    if not args.quiet:
        read = sum(r.total_read for r in reports)
        flagged = sum(r.total_flagged for r in reports)
        sys.stdout.write(f"Read {read:,} posts from {len(reports)} account{'s' * (len(reports) != 1)}; {flagged:,} breach the "
                         f"{pack.name} policy (warn or block). Wrote {', '.join(os.fspath(p) for p in written)}\n")
    return 1 if any(r.flagged for r in reports) else 0
