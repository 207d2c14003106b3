"""The audit as one self-contained web page: inline CSS, JavaScript and SVG, no network (a
Content-Security-Policy forbids any fetch), every piece of archive text HTML-escaped.

An account's page has the summary (posts read; flagged by category and severity, and by clause),
a chart of flagged posts by month, then every flagged post with its date, its link on the
platform, the offending spans highlighted and the clause, with filters by category and year.
Retweets are listed apart. An organisation's page sums its accounts and links to their pages.
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from clearpost.audit.report import SEVERITIES, AccountReport, FlaggedPost
from clearpost.errors import InputError
from clearpost.findings import Severity

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c1c1c;background:#f6f6f4}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px}.meta{color:#555}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:24px}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}td.n{text-align:right}
.tables{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
svg{background:#fff;border:1px solid #ddd;border-radius:8px;max-width:100%}
.bar{fill:#b3261e}.bar-read{fill:#d9d9d4}.axis{stroke:#888}.label{font-size:11px;fill:#444}
.filters{position:sticky;top:0;background:#f6f6f4;padding:10px 0;border-bottom:1px solid #ddd;z-index:1}
.filters label{margin-right:16px}
.post{background:#fff;border:1px solid #ddd;border-left:6px solid #e0a400;border-radius:6px;padding:10px 14px;margin:10px 0}
.post.sev-block{border-left-color:#b3261e}.post[hidden]{display:none}
.post header{display:flex;gap:12px;flex-wrap:wrap;color:#555;font-size:13px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:8px 0}
mark{border-radius:3px;padding:0 1px}mark.block{background:#f7c6c2}mark.warn{background:#ffe49a}mark.info{background:#dbe8ff}
.findings{margin:0;padding-left:18px;font-size:14px}.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.sev.block{color:#b3261e}.sev.warn{color:#8a5a00}.sev.info{color:#2a5db0}
.problems li{font-family:ui-monospace,monospace;font-size:13px}
"""
_JS = """
(function(){
  var cat=document.getElementById('filter-category'), year=document.getElementById('filter-year');
  if(!cat||!year){return;}
  function apply(){
    var shown=0, posts=document.querySelectorAll('.post');
    for(var i=0;i<posts.length;i++){
      var p=posts[i], cats=(p.getAttribute('data-categories')||'').split(' ');
      var ok=(cat.value===''||cats.indexOf(cat.value)>=0)&&(year.value===''||p.getAttribute('data-year')===year.value);
      p.hidden=!ok; if(ok){shown++;}
    }
    document.getElementById('shown-count').textContent=shown;
  }
  cat.addEventListener('change',apply); year.addEventListener('change',apply);
  var bars=document.querySelectorAll('#chart .bar');
  for(var j=0;j<bars.length;j++){bars[j].addEventListener('click',function(){year.value=this.getAttribute('data-year');apply();});}
  apply();
})();
"""


def highlight(text: str, findings: list[dict[str, object]]) -> str:
    """The post, escaped, with each finding's span in a <mark> of its worst severity."""
    spans = [(f["start"], f["end"], str(f["severity"]), str(f["clause"])) for f in findings
             if isinstance(f.get("start"), int) and isinstance(f.get("end"), int)]
    cuts = sorted({0, len(text), *(int(s) for s, _, _, _ in spans), *(int(e) for _, e, _, _ in spans)})  # type: ignore[call-overload]
    out = []
    for a, b in itertools.pairwise(cuts):
        if a >= b or a >= len(text):
            continue
        cover = [(sev, clause) for s, e, sev, clause in spans if s <= a and b <= e]
        piece = escape(text[a:b])
        if cover:
            worst = max(cover, key=lambda c: Severity(c[0]).rank)
            clauses = "; ".join(sorted({c for _, c in cover}))
            out.append(f'<mark class="{worst[0]}" title="{escape(clauses)}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _post_html(post: FlaggedPost) -> str:
    r = post.record
    cats = sorted({str(f["category"]) for f in post.findings})
    year = r.date.astimezone(UTC).strftime("%Y") if r.date else ""
    when = r.date.astimezone(UTC).strftime("%d %b %Y %H:%M UTC") if r.date else "no date"
    link = (f'<a href="{escape(r.link)}" rel="noopener noreferrer" target="_blank">open on {escape(r.platform)}</a>' if r.link
            else "<span>no link in the export</span>")
    items = "".join(
        f'<li><span class="sev {escape(str(f["severity"]))}">{escape(str(f["severity"]))}</span> '
        f'{escape(str(f["category"]))}, <b>{escape(str(f["clause"]))}</b>: {escape(str(f["message"]))}</li>'
        for f in sorted(post.findings, key=lambda f: -Severity(str(f["severity"])).rank))
    return (f'<article class="post sev-{post.worst}" data-categories="{escape(" ".join(cats))}" data-year="{year}" data-kind="{r.kind}" '
            f'data-id="{escape(r.post_id)}"><header><time datetime="{r.date.isoformat() if r.date else ""}">{when}</time>'
            f"<span>{escape(r.platform)} {r.kind} {escape(r.post_id)}</span>{link}<span>{escape(post.account)}</span></header>"
            f'<div class="text">{highlight(r.text, post.findings)}</div><ul class="findings">{items}</ul></article>')


def chart_svg(flagged: Counter[str], read: Counter[str]) -> str:
    """Flagged posts per month (red) over posts read per month (grey), as inline SVG."""
    months = sorted(set(flagged) | set(read))
    if not months:
        return '<svg id="chart" width="600" height="60" role="img" aria-label="no dated posts"><text x="10" y="35" class="label">No dated posts.</text></svg>'
    first_y, first_m = map(int, months[0].split("-"))
    last_y, last_m = map(int, months[-1].split("-"))
    span = [f"{y:04d}-{m:02d}" for y in range(first_y, last_y + 1) for m in range(1, 13)
            if (y, m) >= (first_y, first_m) and (y, m) <= (last_y, last_m)]
    width, height, left, bottom, top = 960, 220, 40, 30, 10
    step = (width - left - 10) / len(span)
    peak = max(1, max(flagged.values(), default=0))
    scale = (height - bottom - top) / peak
    parts = [f'<svg id="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="Flagged posts per month">',
             f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}"/>',
             f'<text class="label" x="4" y="{top + 10}">{peak}</text><text class="label" x="4" y="{height - bottom}">0</text>']
    for i, month in enumerate(span):
        x = left + i * step
        n = flagged.get(month, 0)
        if n:
            h = n * scale
            parts.append(f'<rect class="bar" data-month="{month}" data-year="{month[:4]}" data-count="{n}" x="{x + step * 0.1:.1f}" '
                         f'y="{height - bottom - h:.1f}" width="{max(step * 0.8, 1):.1f}" height="{h:.1f}">'
                         f"<title>{month}: {n} flagged of {read.get(month, 0)} read</title></rect>")
        if month.endswith("-01") or i == 0:
            parts.append(f'<text class="label" x="{x:.1f}" y="{height - bottom + 16}">{month[:4]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _tables(reports: list[AccountReport]) -> str:
    by_cat: Counter[tuple[str, str]] = Counter()
    by_clause: Counter[str] = Counter()
    for r in reports:
        by_cat.update(r.by_category)
        by_clause.update(r.by_clause)
    cats = sorted({c for c, _ in by_cat})
    head = "".join(f"<th>{s}</th>" for s in SEVERITIES)
    rows = "".join(f"<tr><td>{escape(c)}</td>" + "".join(f'<td class="n">{by_cat.get((c, s), 0)}</td>' for s in SEVERITIES) + "</tr>"
                   for c in cats) or f'<tr><td colspan="{len(SEVERITIES) + 1}">none</td></tr>'
    clauses = "".join(f'<tr><td>{escape(c)}</td><td class="n">{n}</td></tr>' for c, n in by_clause.most_common()) or '<tr><td colspan="2">none</td></tr>'
    return (f'<div class="tables"><table id="by-category"><caption>Flagged posts by category and severity</caption><tr><th>category</th>{head}</tr>{rows}</table>'
            f'<table id="by-clause"><caption>Flagged posts by clause (warn or block)</caption><tr><th>clause</th><th>posts</th></tr>{clauses}</table></div>')


def _cards(reports: list[AccountReport]) -> str:
    read: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for r in reports:
        read.update(r.read)
        flagged.update(r.flagged_by_kind)
    problems = sum(len(r.problems) for r in reports)
    kinds = ", ".join(f"{n:,} {k}{'s' * (n != 1)}" for k, n in sorted(read.items())) or "none"
    return (f'<div class="cards"><div class="card" id="posts-read"><b>{sum(read.values()):,}</b>read ({kinds})</div>'
            f'<div class="card" id="posts-flagged"><b>{sum(flagged.values()):,}</b>flagged (warn or block)</div>'
            f'<div class="card"><b>{flagged["retweet"]:,}</b>of them retweets</div>'
            f'<div class="card" id="problems-count"><b>{problems:,}</b>records not read</div></div>')


def _page(title: str, subtitle: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main><h1>{escape(title)}</h1>"
            f'<p class="meta">{subtitle}</p>{body}</main><script>{_JS}</script></body></html>\n')


def _subtitle(pack_name: str, account_type: str, generated: datetime) -> str:
    return (f"Checked against the {escape(pack_name)} policy as it is today, as {escape(account_type)} account posts; "
            f"generated {generated.strftime('%d %b %Y %H:%M UTC')} by Clearpost on this machine.")


def account_page(report: AccountReport, *, pack_name: str, generated: datetime | None = None) -> str:
    generated = generated or datetime.now(UTC)
    flagged = report.sorted_flagged()
    own = [p for p in flagged if p.record.kind != "retweet"]
    retweets = [p for p in flagged if p.record.kind == "retweet"]
    cats = sorted({str(f["category"]) for p in flagged for f in p.findings})
    years = sorted({p.record.date.astimezone(UTC).strftime("%Y") for p in flagged if p.record.date})
    cat_opts = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in cats)
    year_opts = "".join(f'<option value="{y}">{y}</option>' for y in years)
    span = f"posts from {report.first:%d %b %Y} to {report.last:%d %b %Y}" if report.first and report.last else "no dated posts"
    body = [
        f'<p class="meta">{escape(report.platform)} account <b>{escape(report.name)}</b>: {span}.</p>',
        "<h2>Summary</h2>", _cards([report]), _tables([report]),
        "<h2>Flagged posts over time</h2>", chart_svg(report.by_month, report.read_by_month),
        '<div class="filters"><label>Category <select id="filter-category"><option value="">all</option>' + cat_opts + "</select></label>"
        '<label>Year <select id="filter-year"><option value="">all</option>' + year_opts + "</select></label>"
        f'<span><b id="shown-count">{len(flagged)}</b> of {len(flagged)} flagged shown</span></div>',
        f'<h2>Posts and comments ({len(own)})</h2><section id="posts">' + "".join(_post_html(p) for p in own) + "</section>",
    ]
    if report.read["retweet"]:
        body.append(f"<h2>Retweets ({len(retweets)} of {report.read['retweet']:,})</h2><p class=\"meta\">Not the account's own words, "
                    "but sharing them from the account is still its post; undo the retweet where the policy asks.</p>"
                    '<section id="retweets">' + "".join(_post_html(p) for p in retweets) + "</section>")
    body.append(_problems([report]))
    return _page(f"Clearpost audit: {report.name}", _subtitle(pack_name, report.account_type, generated), "".join(body))


def _problems(reports: list[AccountReport]) -> str:
    items = [f"<li>{escape(r.name)}: {escape(str(p))}</li>" for r in reports for p in r.problems]
    if not items:
        return '<h2>Records not read</h2><p class="meta">None: every record was read.</p>'
    return f'<h2>Records not read ({len(items)})</h2><ul class="problems">' + "".join(items) + "</ul>"


def organisation_page(reports: list[AccountReport], links: dict[str, str], *, pack_name: str, generated: datetime | None = None) -> str:
    generated = generated or datetime.now(UTC)
    by_month: Counter[str] = Counter()
    read_by_month: Counter[str] = Counter()
    for r in reports:
        by_month.update(r.by_month)
        read_by_month.update(r.read_by_month)
    rows = "".join(
        f'<tr><td><a href="{escape(links[r.name])}">{escape(r.name)}</a></td><td>{escape(r.platform)}</td><td class="n">{r.total_read:,}</td>'
        f'<td class="n">{r.total_flagged:,}</td><td class="n">{sum(1 for p in r.flagged if p.worst == "block"):,}</td>'
        f'<td class="n">{len(r.problems):,}</td></tr>' for r in reports)
    body = (f'<p class="meta">{len(reports)} accounts.</p><h2>Summary</h2>{_cards(reports)}'
            f'<table id="accounts"><tr><th>account</th><th>platform</th><th>read</th><th>flagged</th><th>of them at block</th><th>not read</th></tr>{rows}</table>'
            f"{_tables(reports)}<h2>Flagged posts over time</h2>{chart_svg(by_month, read_by_month)}{_problems(reports)}")
    return _page("Clearpost audit: organisation summary", _subtitle(pack_name, reports[0].account_type if reports else "", generated), body)


def write_page(path: Path, page: str) -> None:
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
