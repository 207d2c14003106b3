"""The extension on each platform's composer, built on that platform's real editor library:
warnings with their clause, the disclaimer fix held by the editor's own model, the account
badge, the post-button step-in, the offline state and a restarted service worker."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from clearpost import builtin_pack
from e2e.conftest import Service

PANEL = '[data-clearpost="panel"]'
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
LATENCIES_MS: list[float] = []


@dataclass(frozen=True)
class Platform:
    name: str
    url: str
    composer: str
    post_button: str
    official: str  # a handle configured as official in conftest.OFFICIAL_HANDLES


PLATFORMS = [
    Platform("x", "https://x.com/compose/post", '[data-testid="tweetTextarea_0"]', '[data-testid="tweetButtonInline"]', "@IUK_Events"),
    Platform("linkedin", "https://www.linkedin.com/feed/", ".ql-editor", ".share-actions__primary-action", "integrateuk"),
    Platform("instagram", "https://www.instagram.com/create/details/", '[data-lexical-editor="true"]', ".caption-composer__share", "integrateuk"),
]


@pytest.fixture(params=PLATFORMS, ids=[p.name for p in PLATFORMS])
def platform(request: pytest.FixtureRequest) -> Platform:
    return request.param  # type: ignore[no-any-return]


def _open(page: Page, platform: Platform, handle: str | None = None) -> None:
    page.goto(platform.url + (f"?handle={handle}" if handle else ""))
    page.click(platform.composer)


def _type(page: Page, text: str) -> None:
    page.keyboard.type(text, delay=5)


# Measured inside the page, frame by frame: the last keydown, and the first frame in which the
# panel (in its shadow root) shows a finding of the category.
_LATENCY_PROBE = """category => {
  window.__latency = {};
  document.addEventListener("keydown", () => { window.__latency.lastKey = performance.now(); }, true);
  const look = () => {
    const host = document.querySelector("[data-clearpost-host]");
    if (host && host.shadowRoot.querySelector(`[data-clearpost-category="${category}"]`)) {
      window.__latency.shown = performance.now();
    } else {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
}"""


def _measured(page: Page) -> None:
    latency = page.evaluate("window.__latency")
    LATENCIES_MS.append(latency["shown"] - latency["lastKey"])


def _model_text(page: Page) -> str:
    return str(page.evaluate("window.__editorText()"))


def test_toxic_draft_shows_a_warning_with_its_clause(page: Page, platform: Platform) -> None:
    _open(page, platform)
    page.evaluate(_LATENCY_PROBE, "toxicity")
    text = "Our new councillor is a useless idiot."
    _type(page, text)
    finding = page.locator(f'{PANEL} [data-clearpost-category="toxicity"]')
    expect(finding).to_be_visible(timeout=5000)
    _measured(page)
    expect(finding).to_have_attribute("data-clearpost-severity", "block")
    expect(finding).to_contain_text("IUK 5.10")
    assert _model_text(page) == text


def test_personal_data_shows_a_warning(page: Page, platform: Platform) -> None:
    _open(page, platform)
    page.evaluate(_LATENCY_PROBE, "personal-data")
    _type(page, "Call Sam on 07700 900461 about the panel.")
    expect(page.locator(f'{PANEL} [data-clearpost-category="personal-data"]')).to_be_visible(timeout=5000)
    _measured(page)


def test_clean_draft_shows_no_finding(page: Page, platform: Platform) -> None:
    _open(page, platform)
    _type(page, "Lovely to see so many families at the summer fair today.")
    expect(page.locator(f'{PANEL} [data-clearpost="clean"]')).to_be_visible(timeout=5000)
    expect(page.locator(f"{PANEL} [data-clearpost-category]")).to_have_count(0)
    expect(page.locator(f'{PANEL} [data-clearpost-account="personal"]')).to_be_visible()


def test_disclaimer_button_appends_the_disclaimer_once_in_the_editors_model(page: Page, platform: Platform) -> None:
    _open(page, platform)
    draft = "Proud of the IntegrateUK youth panel today!"
    _type(page, draft)
    button = page.locator(f'{PANEL} [data-clearpost-action="insert-disclaimer"]')
    expect(button).to_be_visible(timeout=5000)
    button.click()
    disclaimer = builtin_pack("iuk").disclaimer
    expect(page.locator(f'{PANEL} [data-clearpost-category="disclaimer"]')).to_have_count(0, timeout=5000)
    expect(button).to_have_count(0)
    assert _model_text(page) == f"{draft} {disclaimer}"
    # The caret stays at the end: the next keystroke lands after the disclaimer.
    _type(page, "!")
    assert _model_text(page) == f"{draft} {disclaimer}!"


def test_official_account_shows_the_official_badge_and_is_checked_as_official(page: Page, platform: Platform) -> None:
    _open(page, platform, handle=platform.official)
    _type(page, "Vote Green on Thursday!")
    expect(page.locator(f'{PANEL} [data-clearpost-account="official"]')).to_be_visible(timeout=5000)
    expect(page.locator(f'{PANEL} [data-clearpost-account="official"]')).to_contain_text("official")
    expect(page.locator(f'{PANEL} [data-clearpost-category="political"]')).to_be_visible()


def test_post_button_steps_in_once_then_posts_anyway(page: Page, platform: Platform) -> None:
    _open(page, platform)
    _type(page, "Our new councillor is a useless idiot.")
    expect(page.locator(f'{PANEL} [data-clearpost-category="toxicity"]')).to_be_visible(timeout=5000)
    page.click(platform.post_button)
    expect(page.locator(f'{PANEL} [data-clearpost="step-in"]')).to_be_visible()
    assert page.evaluate("window.__posted || 0") == 0
    page.locator(f'{PANEL} [data-clearpost-action="post-anyway"]').click()
    assert page.evaluate("window.__posted || 0") == 1
    expect(page.locator(f'{PANEL} [data-clearpost="step-in"]')).to_have_count(0)


def test_edit_returns_to_the_draft_untouched(page: Page, platform: Platform) -> None:
    _open(page, platform)
    text = "Our new councillor is a useless idiot."
    _type(page, text)
    expect(page.locator(f'{PANEL} [data-clearpost-category="toxicity"]')).to_be_visible(timeout=5000)
    page.click(platform.post_button)
    page.locator(f'{PANEL} [data-clearpost-action="edit"]').click()
    assert page.evaluate("window.__posted || 0") == 0
    assert _model_text(page) == text


def test_service_down_shows_offline_keeps_the_text_and_recovers(page: Page, platform: Platform, service: Service) -> None:
    _open(page, platform)
    service.stop()
    try:
        text = "Typing while the service is down, with every character kept."
        _type(page, text)
        expect(page.locator(f'{PANEL} [data-clearpost="offline"]')).to_be_visible(timeout=8000)
        assert _model_text(page) == text
    finally:
        service.start()
    expect(page.locator(f'{PANEL} [data-clearpost="clean"]')).to_be_visible(timeout=10000)
    assert _model_text(page) == text


def test_checks_resume_after_the_service_worker_is_stopped(page: Page, platform: Platform, context: BrowserContext) -> None:
    _open(page, platform)
    cdp = context.new_cdp_session(page)
    cdp.send("ServiceWorker.enable")
    cdp.send("ServiceWorker.stopAllWorkers")
    _type(page, "Call Sam on 07700 900461 about the panel.")
    expect(page.locator(f'{PANEL} [data-clearpost-category="personal-data"]')).to_be_visible(timeout=8000)


def test_screenshot_of_the_panel(page: Page, platform: Platform) -> None:
    page.set_viewport_size({"width": 1000, "height": 460})
    _open(page, platform)
    _type(page, "Proud of the IntegrateUK team! Honestly our new councillor is a useless idiot, call him on 07700 900461.")
    expect(page.locator(f'{PANEL} [data-clearpost-category="personal-data"]')).to_be_visible(timeout=5000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{platform.name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


def test_report_keystroke_to_warning_latency() -> None:
    """Not a timing assertion: prints the median the closing note reports (debounce included)."""
    assert LATENCIES_MS, "the warning tests above record their latency"
    print(f"\nkeystroke to warning: median {statistics.median(LATENCIES_MS):.0f} ms over {len(LATENCIES_MS)} drafts "
          f"(min {min(LATENCIES_MS):.0f}, max {max(LATENCIES_MS):.0f})")


def test_unknown_handle_is_asked_about_once_and_the_answer_is_remembered(page: Page, platform: Platform) -> None:
    handle = {"x": "@new_comms", "linkedin": "new-comms", "instagram": "new.comms"}[platform.name]
    _open(page, platform, handle=handle)
    _type(page, "Vote Green on Thursday!")
    question = page.locator(f'{PANEL} [data-clearpost="account-question"]')
    expect(question).to_be_visible(timeout=5000)
    expect(question).to_contain_text(f"Is {handle} an official account of IntegrateUK?")
    page.locator(f'{PANEL} [data-clearpost-action="account-official"]').click()
    expect(page.locator(f'{PANEL} [data-clearpost-account="official"]')).to_be_visible(timeout=5000)
    expect(page.locator(f'{PANEL} [data-clearpost-category="political"]')).to_be_visible()
    expect(question).to_have_count(0)
    # A new page: the answer is remembered, no question.
    _open(page, platform, handle=handle)
    _type(page, "Vote Green on Thursday!")
    expect(page.locator(f'{PANEL} [data-clearpost-account="official"]')).to_be_visible(timeout=5000)
    expect(question).to_have_count(0)


def test_offending_span_is_marked_by_an_overlay_not_inside_the_editor(page: Page, platform: Platform) -> None:
    _open(page, platform)
    _type(page, "Lovely day. Our new councillor is a useless idiot.")
    mark = page.locator('[data-clearpost-mark="toxicity"]').first
    expect(mark).to_be_visible(timeout=5000)
    expect(page.locator(f"{platform.composer} [data-clearpost-mark], {platform.composer} [data-clearpost]")).to_have_count(0)
    box, editor = mark.bounding_box(), page.locator(platform.composer).bounding_box()
    assert box is not None and editor is not None
    assert editor["x"] <= box["x"] and box["x"] + box["width"] <= editor["x"] + editor["width"] + 1
    assert editor["y"] <= box["y"] <= editor["y"] + editor["height"]


def test_multi_line_draft_with_emoji_keeps_every_character_through_the_disclaimer(page: Page, platform: Platform) -> None:
    _open(page, platform)
    _type(page, "🎉 Proud of the IntegrateUK youth panel today!")
    page.keyboard.press("Enter")
    _type(page, "Second line, café crème.")
    expected = "🎉 Proud of the IntegrateUK youth panel today!\nSecond line, café crème."
    assert _model_text(page) == expected
    button = page.locator(f'{PANEL} [data-clearpost-action="insert-disclaimer"]')
    expect(button).to_be_visible(timeout=5000)
    expect(page.locator('[data-clearpost-mark="disclaimer"]').first).to_be_visible()
    button.click()
    expect(button).to_have_count(0, timeout=5000)
    assert _model_text(page) == f"{expected} {builtin_pack('iuk').disclaimer}"
