"""Keystroke to warning, as the user sees it (issue 15): short drafts typed with real key events
at a human pace (40 to 80 ms a key) into one composer per platform, each ending in something the
service warns about, timed from the last keystroke to the first frame in which the panel shows
that warning. Both clocks are the page's own (`performance.now()`).

The test asserts only that every warning appears and is the right finding. The timing is a
figure, never an assertion: it is printed (`keystroke-to-warning median N ms, p95 M ms over K
drafts`) and written with every sample to build/e2e-latency.json. The session's first draft is
timed apart (it also wakes the service worker and the engine's lazy parts). A sample's
`shown_before_last_key` says a check ran mid-draft and its warning was already on screen; the
sample still times the render that followed the last keystroke. No draft text is written there
or printed: samples name the composer and the draft's number only. `make e2elatency`."""

from __future__ import annotations

import json
import math
import random
import statistics
from pathlib import Path

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from e2e.composers import BY_KEY, Composer

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "e2e-latency.json"
KEY_DELAY_MS = (40, 80)
SEED = 15

# One composer per platform, each on its platform's real editor library.
LATENCY_COMPOSERS = ("x-home", "linkedin-share", "instagram-caption")
# Personal posts ending in what the service warns about. At 40 to 80 ms a key no pause is long
# enough for a check mid-draft, so the warning timed is the whole draft's.
DRAFTS: tuple[tuple[str, str], ...] = (
    ("Call Sam on 07700 900461", "personal-data"),
    ("Text Priya on 07700 900987", "personal-data"),
    ("New number is 07700 900555", "personal-data"),
    ("Call Jo on 07700 900318", "personal-data"),
    ("Phone Kim on 07700 900733", "personal-data"),
    ("Our new councillor is a useless idiot", "toxicity"),
    ("That referee is a total idiot", "toxicity"),
    ("Honestly the new manager is an idiot", "toxicity"),
)

# Installed before typing. Every keydown stamps the time and notes which warnings of the category
# are already on screen (a new render replaces them); from then on, each frame looks for a warning
# of the category that was not there at the last keystroke, through every open shadow root (the
# panel's host may be mounted inside the page's own, as on LinkedIn).
_PROBE = """category => {
  const found = (root, out) => {
    for (const host of root.querySelectorAll("*")) {
      if (!host.shadowRoot) continue;
      out.push(...host.shadowRoot.querySelectorAll(`[data-clearpost="panel"] [data-clearpost-category="${category}"]`));
      found(host.shadowRoot, out);
    }
    return out;
  };
  const probe = { keys: 0 };
  let before = new Set();
  window.__latency = probe;
  window.addEventListener("keydown", () => {
    probe.lastKey = performance.now();
    probe.keys += 1;
    before = new Set(found(document, []));
    probe.early = before.size > 0;
    delete probe.shown;
  }, true);
  const look = () => {
    if (probe.lastKey !== undefined && probe.shown === undefined) {
      const fresh = found(document, []).find((n) => !before.has(n));
      if (fresh) {
        probe.shown = performance.now();
        probe.severity = fresh.getAttribute("data-clearpost-severity");
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""

# What the panels show instead, for a failure message: categories and states, never text.
_CATEGORIES = """() => {
  const out = [];
  const walk = (root) => {
    for (const host of root.querySelectorAll("*")) {
      if (!host.shadowRoot) continue;
      for (const n of host.shadowRoot.querySelectorAll("[data-clearpost-category], [data-clearpost]"))
        out.push(n.getAttribute("data-clearpost-category") || n.getAttribute("data-clearpost"));
      walk(host.shadowRoot);
    }
  };
  walk(document);
  return out;
}"""


def _open(page: Page, c: Composer) -> None:
    page.goto(c.href())
    page.evaluate("id => __fixture.open(id)", c.id)
    page.locator(c.editor_selector).click()


def _type_like_a_person(page: Page, text: str, rng: random.Random) -> None:
    for ch in text:
        page.keyboard.type(ch)
        page.wait_for_timeout(rng.uniform(*KEY_DELAY_MS))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _time_one(page: Page, composer: Composer, number: int, draft: str, category: str, rng: random.Random) -> dict[str, object]:
    """Types one draft into a fresh page and times its warning; asserts only that the warning is there and right."""
    where = f"{composer.key} draft {number}"
    _open(page, composer)
    page.evaluate(_PROBE, category)
    _type_like_a_person(page, draft, rng)
    try:
        page.wait_for_function("() => window.__latency.shown !== undefined", timeout=10_000, polling="raf")
    except PlaywrightTimeout:
        shown = page.evaluate(_CATEGORIES)
        pytest.fail(f"{where}: no {category} warning in the panel within 10 s (the panel shows: {shown})")
    probe = page.evaluate("window.__latency")
    assert probe["keys"] == len(draft), where
    assert probe["severity"] in ("warn", "block"), f"{where}: a {category} finding that is not a warning"
    assert page.evaluate("id => __fixture.text(id)", composer.id) == draft, f"{where}: the editor's text changed"
    return {"composer": composer.key, "draft": number, "category": category, "ms": round(probe["shown"] - probe["lastKey"], 1),
            "shown_before_last_key": bool(probe["early"])}


def test_keystroke_to_warning(page: Page, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(SEED)
    # The session's first check also wakes the service worker and the engine's lazy parts: timed, kept apart.
    first = _time_one(page, BY_KEY[LATENCY_COMPOSERS[0]], 0, *DRAFTS[0], rng)
    samples = [_time_one(page, BY_KEY[key], number, draft, category, rng)
               for key in LATENCY_COMPOSERS for number, (draft, category) in enumerate(DRAFTS, start=1)]
    values = [float(s["ms"]) for s in samples]  # type: ignore[arg-type]
    median, p95 = statistics.median(values), _p95(values)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({
        "what": "ms from the last keydown to the first frame showing the warning, both on the page's clock",
        "key_delay_ms": list(KEY_DELAY_MS), "composers": list(LATENCY_COMPOSERS), "drafts_per_composer": len(DRAFTS),
        "median_ms": round(median, 1), "p95_ms": round(p95, 1), "count": len(values),
        "first_check_of_session_ms": first["ms"], "samples": samples,
    }, indent=2) + "\n")
    with capsys.disabled():
        print(f"\nkeystroke-to-warning median {median:.0f} ms, p95 {p95:.0f} ms over {len(values)} drafts "
              f"(min {min(values):.0f}, max {max(values):.0f}; the session's first, apart: {first['ms']:.0f} ms; {OUT.relative_to(REPO)})")
