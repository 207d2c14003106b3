"""Every behaviour on every composer of e2e/composers.py, on pages that mirror the live DOM of
x.com, linkedin.com and instagram.com, built on the sites' real editor libraries: warnings with
their clause and marks, identity, the disclaimer held once by the editor's own model (and
undone by the editor's own undo), step-in at posting by button and keyboard, offline and
recovery, and every character kept. After every Clearpost action the text in the editor's own
model is compared with what was typed."""

from __future__ import annotations

import json
import statistics

import pytest
from playwright.sync_api import Page, expect

from clearpost import builtin_pack
from e2e.composers import COMPOSERS, Composer, Media
from e2e.conftest import Service

PANEL = '[data-clearpost="panel"]'
TOXIC = "Our new councillor is a useless idiot."
DISCLAIMER = builtin_pack("iuk").disclaimer
LATENCIES_MS: list[float] = []
# Any finding but the info-level reminder about attached media (Instagram's caption always has some).
NOT_MEDIA = f'{PANEL} [data-clearpost-category]:not([data-clearpost-category="media"])'


@pytest.fixture(params=COMPOSERS, ids=[c.key for c in COMPOSERS])
def composer(request: pytest.FixtureRequest) -> Composer:
    return request.param  # type: ignore[no-any-return]


def open_composer(page: Page, c: Composer, *, official: bool = False, media: Media | None = None) -> None:
    page.goto(c.href(official=official, media=media))
    page.evaluate("id => __fixture.open(id)", c.id)
    if official:
        for selector in c.post_as_page:
            page.locator(selector).click()
    page.locator(c.editor_selector).click()


def model_text(page: Page, c: Composer) -> str:
    return str(page.evaluate("id => __fixture.text(id)", c.id))


def posted(page: Page, c: Composer) -> int:
    return int(page.evaluate("id => __fixture.posted(id)", c.id))


def type_text(page: Page, text: str) -> None:
    page.keyboard.type(text, delay=5)


def new_line(page: Page, c: Composer) -> None:
    # Enter posts an Instagram comment; Shift+Enter is its new line.
    page.keyboard.press("Shift+Enter" if c.post_shortcut == "Enter" else "Enter")


def finding(page: Page, category: str):  # type: ignore[no-untyped-def]
    return page.locator(f'{PANEL} [data-clearpost-category="{category}"]')


# Measured inside the page, frame by frame: the last keydown, and the first frame in which a
# panel (in its shadow root, wherever it is mounted) shows a finding of the category.
_LATENCY_PROBE = """category => {
  window.__latency = {};
  window.addEventListener("keydown", () => { window.__latency.lastKey = performance.now(); }, true);
  const shown = (root) => [...root.querySelectorAll("*")].some((n) =>
    (n.shadowRoot && (n.shadowRoot.querySelector(`[data-clearpost-category="${category}"]`) || shown(n.shadowRoot))));
  const look = () => {
    if (shown(document)) window.__latency.shown = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def _record_latency(page: Page) -> None:
    page.wait_for_function("() => window.__latency && window.__latency.shown !== undefined", timeout=5000)
    latency = page.evaluate("window.__latency")
    LATENCIES_MS.append(latency["shown"] - latency["lastKey"])


def test_toxic_draft_warns_with_its_clause_and_marks_the_span_beside_the_editor(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    page.evaluate(_LATENCY_PROBE, "toxicity")
    type_text(page, TOXIC)
    warning = finding(page, "toxicity")
    expect(warning).to_be_visible(timeout=5000)
    _record_latency(page)
    expect(warning).to_have_attribute("data-clearpost-severity", "block")
    expect(warning).to_contain_text("IUK 5.10")
    mark = page.locator('[data-clearpost-mark="toxicity"]').first
    expect(mark).to_be_visible()
    box, editor = mark.bounding_box(), page.locator(composer.editor_selector).bounding_box()
    assert box is not None and editor is not None
    assert editor["x"] - 1 <= box["x"] and box["x"] + box["width"] <= editor["x"] + editor["width"] + 1
    assert editor["y"] <= box["y"] <= editor["y"] + editor["height"]
    assert model_text(page, composer) == TOXIC


def test_personal_data_warns(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    page.evaluate(_LATENCY_PROBE, "personal-data")
    text = "Call Sam on 07700 900461 about the panel."
    type_text(page, text)
    expect(finding(page, "personal-data")).to_be_visible(timeout=5000)
    _record_latency(page)
    assert model_text(page, composer) == text


def test_clean_draft_shows_no_finding_and_reads_the_personal_account(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    text = "Lovely to see so many families at the summer fair today."
    type_text(page, text)
    badge = page.locator(f'{PANEL} [data-clearpost-account="personal"]')
    expect(badge).to_have_text(f"Posting as {composer.accounts.personal_reads}: personal", timeout=5000)
    expect(page.locator(NOT_MEDIA)).to_have_count(0)
    expect(page.locator(f'{PANEL} [data-clearpost="unknown-facts"]')).to_have_count(0)
    assert model_text(page, composer) == text


def test_official_account_is_read_and_checked_as_official(page: Page, composer: Composer) -> None:
    open_composer(page, composer, official=True)
    type_text(page, "Vote Green on Thursday!")
    badge = page.locator(f'{PANEL} [data-clearpost-account="official"]')
    expect(badge).to_have_text(f"Posting as {composer.accounts.official_reads}: official", timeout=5000)
    expect(finding(page, "political")).to_be_visible()
    expect(page.locator(f'{PANEL} [data-clearpost="account-question"]')).to_have_count(0)


def test_disclaimer_lands_once_in_the_editors_model_and_the_caret_stays_after_it(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    draft = "Proud of the IntegrateUK youth panel today!"
    type_text(page, draft)
    button = page.locator(f'{PANEL} [data-clearpost-action="insert-disclaimer"]')
    expect(button).to_be_visible(timeout=5000)
    button.click()
    expect(finding(page, "disclaimer")).to_have_count(0, timeout=5000)
    expect(button).to_have_count(0)
    assert model_text(page, composer) == f"{draft} {DISCLAIMER}"
    type_text(page, "!")
    assert model_text(page, composer) == f"{draft} {DISCLAIMER}!"


def test_the_editors_own_undo_takes_the_disclaimer_back(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    draft = "Proud of the IntegrateUK youth panel today!"
    type_text(page, draft)
    page.locator(f'{PANEL} [data-clearpost-action="insert-disclaimer"]').click(timeout=5000)
    expect(page.locator(f'{PANEL} [data-clearpost-action="insert-disclaimer"]')).to_have_count(0, timeout=5000)
    page.keyboard.press("Control+z")
    page.wait_for_function("([id, draft]) => __fixture.text(id) === draft", arg=[composer.id, draft], timeout=3000)
    assert model_text(page, composer) == draft


def test_post_button_steps_in_edit_keeps_the_draft_and_post_anyway_posts_once(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    type_text(page, TOXIC)
    expect(finding(page, "toxicity")).to_be_visible(timeout=5000)
    post = page.locator(composer.post_button)
    post.click()
    step_in = page.locator(f'{PANEL} [data-clearpost="step-in"]')
    expect(step_in).to_be_visible()
    assert posted(page, composer) == 0
    page.locator(f'{PANEL} [data-clearpost-action="edit"]').click()
    expect(step_in).to_have_count(0)
    assert posted(page, composer) == 0
    assert model_text(page, composer) == TOXIC
    post.click()
    expect(step_in).to_be_visible()
    page.locator(f'{PANEL} [data-clearpost-action="post-anyway"]').click()
    page.wait_for_function("id => __fixture.posted(id) === 1", arg=composer.id, timeout=3000)
    assert posted(page, composer) == 1


@pytest.mark.parametrize("c", [c for c in COMPOSERS if c.post_shortcut], ids=[c.key for c in COMPOSERS if c.post_shortcut])
def test_keyboard_post_steps_in_and_the_text_is_untouched(page: Page, c: Composer) -> None:
    open_composer(page, c)
    type_text(page, TOXIC)
    expect(finding(page, "toxicity")).to_be_visible(timeout=5000)
    assert c.post_shortcut is not None
    page.keyboard.press(c.post_shortcut)
    expect(page.locator(f'{PANEL} [data-clearpost="step-in"]')).to_be_visible()
    assert posted(page, c) == 0
    assert model_text(page, c) == TOXIC  # no new line either
    page.locator(f'{PANEL} [data-clearpost-action="post-anyway"]').click()
    page.wait_for_function("id => __fixture.posted(id) === 1", arg=c.id, timeout=3000)


def test_a_clean_draft_posts_without_a_step_in(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    type_text(page, "Lovely to see so many families at the summer fair today.")
    expect(page.locator(f"{PANEL} [data-clearpost-account]")).to_be_visible(timeout=5000)
    expect(page.locator(NOT_MEDIA)).to_have_count(0)
    page.locator(composer.post_button).click()
    page.wait_for_function("id => __fixture.posted(id) === 1", arg=composer.id, timeout=3000)
    expect(page.locator(f'{PANEL} [data-clearpost="step-in"]')).to_have_count(0)


def test_service_down_shows_offline_keeps_the_text_and_recovers(page: Page, composer: Composer, service: Service) -> None:
    open_composer(page, composer)
    service.stop()
    text = "Typing while the service is down, with every character kept."
    try:
        type_text(page, text)
        expect(page.locator(f'{PANEL} [data-clearpost="offline"]')).to_be_visible(timeout=8000)
        assert model_text(page, composer) == text
    finally:
        service.start()
    expect(page.locator(f"{PANEL} [data-clearpost-account]")).to_be_visible(timeout=10000)
    expect(page.locator(f'{PANEL} [data-clearpost="offline"]')).to_have_count(0)
    assert model_text(page, composer) == text


def test_multi_line_draft_with_emoji_keeps_every_character_through_the_disclaimer(page: Page, composer: Composer) -> None:
    open_composer(page, composer)
    type_text(page, "🎉 Proud of the IntegrateUK youth panel today!")
    new_line(page, composer)
    type_text(page, "Second line, café crème.")
    expected = "🎉 Proud of the IntegrateUK youth panel today!\nSecond line, café crème."
    assert model_text(page, composer) == expected
    button = page.locator(f'{PANEL} [data-clearpost-action="insert-disclaimer"]')
    expect(button).to_be_visible(timeout=5000)
    button.click()
    expect(button).to_have_count(0, timeout=5000)
    assert model_text(page, composer) == f"{expected} {DISCLAIMER}"


def test_report_keystroke_to_warning_latency() -> None:
    """Not a timing assertion: prints the median the closing note reports (debounce included)."""
    assert LATENCIES_MS, "the warning tests above record their latency"
    print(f"\nkeystroke to warning: median {statistics.median(LATENCIES_MS):.0f} ms over {len(LATENCIES_MS)} drafts "
          f"(min {min(LATENCIES_MS):.0f}, max {max(LATENCIES_MS):.0f})")


def test_fixture_ids_cover_the_registry(page: Page) -> None:
    """Each page's own list of composers agrees with e2e/composers.py, so no composer goes untested."""
    for url in sorted({c.href() for c in COMPOSERS}):
        page.goto(url)
        ids = set(page.evaluate("__fixture.ids()"))
        expected = {c.id for c in COMPOSERS if c.href() == url}
        assert expected <= ids, json.dumps(sorted(expected - ids))
