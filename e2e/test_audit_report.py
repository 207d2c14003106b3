"""The audit report in a real browser (Debian's Chromium), offline: it opens from a file with no
network at all, its chart is there, and its filters by category and year hide and show posts.

Set CLEARPOST_SCREENSHOTS=1 to refresh docs/screenshots/audit-report.png from this run."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright

from clearpost.audit import html
from clearpost.audit.runner import Settings, run_local
from clearpost.audit.sources import find_accounts
from e2e.conftest import CHROMIUM, REPO

FIXTURES = REPO / "tests" / "data" / "audit"
SCREENSHOT = REPO / "docs" / "screenshots" / "audit-report.png"


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audit")
    archive = shutil.copytree(FIXTURES / "x", folder / "examplehealthuk-x-archive")
    (report,) = run_local(find_accounts([str(archive)]), Settings("lshtm", None, "official"), workers=1)
    out = folder / "clearpost-audit.html"
    html.write_page(out, html.account_page(report, pack_name="London School of Hygiene & Tropical Medicine"))
    return out


@pytest.fixture
def offline_page(playwright: Playwright) -> Iterator[tuple[Page, list[str]]]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
    context = browser.new_context(offline=True, viewport={"width": 1100, "height": 900})
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, requested
    assert errors == []
    browser.close()


def visible_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all(".post:not([hidden])", "ps => ps.map(p => p.dataset.id)")


def test_report_opens_offline_with_its_chart_and_working_filters(report_file: Path, offline_page: tuple[Page, list[str]]) -> None:
    page, requested = offline_page
    page.goto(report_file.as_uri())
    assert requested == [report_file.as_uri()]  # nothing but the file itself: no CDN, no font, no image

    assert page.locator("#chart").count() == 1
    bars = page.locator("#chart rect.bar")
    assert bars.count() == 4  # four months with a flagged post
    assert page.locator("#posts-read b").inner_text() == "6"
    assert page.locator("mark.block").first.is_visible()

    everything = ["1233000111222333444", "1402233445566778899", "1420011223344556677", "1580112233445566778"]
    assert visible_ids(page) == everything
    page.select_option("#filter-category", "toxicity")
    assert visible_ids(page) == ["1402233445566778899"]
    assert page.locator("#shown-count").inner_text() == "1"
    page.select_option("#filter-category", "")
    page.select_option("#filter-year", "2021")
    assert visible_ids(page) == ["1402233445566778899", "1420011223344556677"]
    page.select_option("#filter-category", "personal-data")
    assert visible_ids(page) == []
    page.select_option("#filter-category", "")
    page.locator('#chart rect.bar[data-year="2022"]').click()  # a bar filters to its year
    assert page.locator("#filter-year").input_value() == "2022"
    assert visible_ids(page) == ["1580112233445566778"]
    page.select_option("#filter-year", "")
    assert visible_ids(page) == everything

    shot = SCREENSHOT if os.environ.get("CLEARPOST_SCREENSHOTS") == "1" else report_file.with_suffix(".png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert requested == [report_file.as_uri()]
