"""X (x.com) with its real editor library (Draft.js): warnings, the disclaimer fix, the draft intact."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from clearpost import builtin_pack

COMPOSER = '[data-testid="tweetTextarea_0"]'
PANEL = '[data-clearpost="panel"]'


def _type(page: Page, text: str) -> None:
    page.click(COMPOSER)
    page.keyboard.type(text, delay=5)


def test_toxic_draft_shows_a_warning_with_its_clause(page: Page) -> None:
    page.goto("https://x.com/compose/post")
    _type(page, "Our new councillor is a useless idiot.")
    finding = page.locator(f'{PANEL} [data-clearpost-category="toxicity"]')
    expect(finding).to_be_visible(timeout=5000)
    expect(finding).to_have_attribute("data-clearpost-severity", "block")
    expect(finding).to_contain_text("IUK 5.10")
    assert page.evaluate("window.__editorText()") == "Our new councillor is a useless idiot."


def test_personal_data_shows_a_warning(page: Page) -> None:
    page.goto("https://x.com/compose/post")
    _type(page, "Call Sam on 07700 900461 about the panel.")
    expect(page.locator(f'{PANEL} [data-clearpost-category="personal-data"]')).to_be_visible(timeout=5000)


def test_clean_draft_shows_no_finding(page: Page) -> None:
    page.goto("https://x.com/compose/post")
    _type(page, "Lovely to see so many families at the summer fair today.")
    expect(page.locator(f'{PANEL} [data-clearpost="clean"]')).to_be_visible(timeout=5000)
    expect(page.locator(f"{PANEL} [data-clearpost-category]")).to_have_count(0)
    expect(page.locator(f'{PANEL} [data-clearpost-account="personal"]')).to_be_visible()


def test_disclaimer_button_appends_the_disclaimer_once_in_drafts_model(page: Page) -> None:
    page.goto("https://x.com/compose/post")
    draft = "Proud of the IntegrateUK youth panel today!"
    _type(page, draft)
    button = page.locator(f'{PANEL} [data-clearpost-action="insert-disclaimer"]')
    expect(button).to_be_visible(timeout=5000)
    button.click()
    disclaimer = builtin_pack("iuk").disclaimer
    expect(page.locator(f'{PANEL} [data-clearpost-category="disclaimer"]')).to_have_count(0, timeout=5000)
    assert page.evaluate("window.__editorText()") == f"{draft} {disclaimer}"
    # The caret stays at the end: the next keystroke lands after the disclaimer, once.
    page.keyboard.type("!")
    assert page.evaluate("window.__editorText()") == f"{draft} {disclaimer}!"


def test_screenshot_of_the_panel(page: Page) -> None:
    page.set_viewport_size({"width": 1000, "height": 420})
    page.goto("https://x.com/compose/post")
    _type(page, "Proud of the IntegrateUK team! Honestly our new councillor is a useless idiot, call him on 07700 900461.")
    expect(page.locator(f'{PANEL} [data-clearpost-category="personal-data"]')).to_be_visible(timeout=5000)
    out = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / "x.png"))
    assert (out / "x.png").stat().st_size > 10_000
