"""How Clearpost finds composers and what it knows about each: two composers on one page each
scoped to itself, the LinkedIn decoy ignored, an editable nobody recognises still checked (and
saying so), an author that cannot be read asked about and never remembered, attachments read from
the composer's own box, the panel inside dialogs, the unknown account question, a restarted
service worker, screenshots."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from e2e.composers import BY_KEY, COMPOSERS, Composer
from e2e.test_composers import PANEL, TOXIC, finding, model_text, open_composer, posted, type_text

SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
X_HOME, X_REPLY = BY_KEY["x-home"], BY_KEY["x-reply"]
LINKEDIN_SHARE = BY_KEY["linkedin-share"]


def test_two_x_composers_on_one_page_each_step_in_on_their_own_post_button(page: Page) -> None:
    open_composer(page, X_HOME)
    type_text(page, "Lovely to see so many families at the summer fair today.")
    expect(page.locator(f'{PANEL} [data-clearpost="clean"]')).to_be_visible(timeout=5000)
    page.evaluate("id => __fixture.open(id)", X_REPLY.id)
    page.locator(X_REPLY.editor_selector).click()
    type_text(page, TOXIC)
    reply_panel = page.locator(f'{PANEL}[data-clearpost-composer="reply or quote dialog"]')
    expect(reply_panel.locator('[data-clearpost-category="toxicity"]')).to_be_visible(timeout=5000)
    page.locator(X_REPLY.post_button).click()
    expect(reply_panel.locator('[data-clearpost="step-in"]')).to_be_visible()
    assert posted(page, X_REPLY) == 0 and posted(page, X_HOME) == 0
    # The home box's draft is clean: its own post button posts at once.
    home_panel = page.locator(f'{PANEL}[data-clearpost-composer="home or reply box"]')
    expect(home_panel.locator('[data-clearpost="step-in"]')).to_have_count(0)
    assert model_text(page, X_HOME) == "Lovely to see so many families at the summer fair today."
    assert model_text(page, X_REPLY) == TOXIC


def test_attachments_are_this_composers_own(page: Page) -> None:
    # Both start with an image; the reply's is removed, and it must not borrow the home box's.
    page.goto(X_HOME.href(media="image"))
    page.locator(X_HOME.editor_selector).click()
    type_text(page, "Photos from the summer fair.")
    expect(finding(page, "media").first).to_be_visible(timeout=5000)
    page.evaluate("id => __fixture.open(id)", X_REPLY.id)
    page.locator('#layers [role="dialog"] [data-testid="attachments"] button[aria-label="Remove media"]').click()
    page.locator(X_REPLY.editor_selector).click()
    type_text(page, "Photos from the summer fair.")
    reply_panel = page.locator(f'{PANEL}[data-clearpost-composer="reply or quote dialog"]')
    expect(reply_panel.locator('[data-clearpost="clean"]')).to_be_visible(timeout=5000)


def test_attached_media_in_each_share_dialog_is_read(page: Page) -> None:
    for key in ("linkedin-share", "linkedin-sdui", "instagram-caption"):
        c = BY_KEY[key]
        page.goto(c.href(media="video"))
        page.evaluate("id => __fixture.open(id)", c.id)
        page.locator(c.editor_selector).click()
        type_text(page, "Highlights from the summer fair.")
        expect(finding(page, "media").first, key).to_be_visible(timeout=5000)


def test_the_hidden_linkedin_decoy_is_never_taken_for_the_composer(page: Page) -> None:
    open_composer(page, LINKEDIN_SHARE)
    type_text(page, TOXIC)
    panel = page.locator(PANEL)
    expect(panel).to_have_count(1, timeout=5000)
    expect(panel).to_have_attribute("data-clearpost-composer", "share box")
    expect(finding(page, "toxicity")).to_be_visible()
    # The light DOM's .ql-editors (the decoy, the comment box) are empty; the marks underline the
    # words in the real editor, in the shadow root.
    light = page.evaluate("() => [...document.querySelectorAll('.ql-editor')].map((e) => e.textContent)")
    assert light and all(text == "" for text in light)
    mark = page.locator('[data-clearpost-mark="toxicity"]').first
    expect(mark).to_be_visible()
    editor, box = page.locator(LINKEDIN_SHARE.editor_selector).bounding_box(), mark.bounding_box()
    assert editor is not None and box is not None
    assert editor["x"] <= box["x"] <= editor["x"] + editor["width"] and editor["y"] <= box["y"] <= editor["y"] + editor["height"]


def test_an_editable_no_platform_fact_claims_is_still_checked_and_says_what_is_unknown(page: Page) -> None:
    page.goto(X_HOME.href())
    page.evaluate("""() => {
      const box = document.createElement("div");
      box.contentEditable = "true";
      box.setAttribute("role", "textbox");
      box.setAttribute("aria-label", "Message");
      box.style.cssText = "width: 400px; min-height: 60px; border: 1px solid #ccc";
      document.querySelector('[data-testid="primaryColumn"]').prepend(box);
    }""")
    page.locator('[aria-label="Message"][contenteditable="true"]').click()
    type_text(page, TOXIC)
    expect(finding(page, "toxicity")).to_be_visible(timeout=5000)
    expect(page.locator(f'{PANEL} [data-clearpost="unknown-facts"]')).to_contain_text("does not recognise this box on X")


def test_an_author_that_cannot_be_read_is_asked_about_and_not_remembered(page: Page, context: BrowserContext) -> None:
    page.goto(X_HOME.href())
    page.evaluate("() => document.querySelector('[data-testid=\"SideNav_AccountSwitcher_Button\"]').remove()")
    page.locator(X_HOME.editor_selector).click()
    type_text(page, "Vote Green on Thursday!")
    question = page.locator(f'{PANEL} [data-clearpost="account-question"]')
    expect(question).to_contain_text("cannot read which account", timeout=5000)
    expect(page.locator(f'{PANEL} [data-clearpost="unknown-facts"]')).to_contain_text("cannot read which X account")
    page.locator(f'{PANEL} [data-clearpost-action="account-official"]').click()
    expect(page.locator(f'{PANEL} [data-clearpost-account="official"]')).to_be_visible(timeout=5000)
    expect(finding(page, "political")).to_be_visible()
    # No identity, nothing to remember it under: nothing is kept for X (no other test answers on X).
    stored = context.service_workers[0].evaluate("() => chrome.storage.local.get('accounts')")
    assert "x" not in (stored.get("accounts") or {})


def test_an_unknown_account_is_asked_about_once_and_the_answer_is_remembered(page: Page) -> None:
    c = BY_KEY["instagram-comment"]
    page.goto(c.href().replace("as=jo.smith", "as=new.comms"))
    page.evaluate("id => __fixture.open(id)", c.id)
    page.locator(c.editor_selector).click()
    type_text(page, "Vote Green on Thursday!")
    question = page.locator(f'{PANEL} [data-clearpost="account-question"]')
    expect(question).to_contain_text("Is new.comms an official account of IntegrateUK?", timeout=5000)
    page.locator(f'{PANEL} [data-clearpost-action="account-official"]').click()
    expect(page.locator(f'{PANEL} [data-clearpost-account="official"]')).to_be_visible(timeout=5000)
    expect(question).to_have_count(0)
    page.goto(c.href().replace("as=jo.smith", "as=new.comms"))
    page.locator(c.editor_selector).click()
    type_text(page, "Vote Green on Thursday!")
    expect(page.locator(f'{PANEL} [data-clearpost-account="official"]')).to_be_visible(timeout=5000)
    expect(question).to_have_count(0)


def test_the_panel_follows_its_composer_when_the_dialog_resizes(page: Page) -> None:
    open_composer(page, LINKEDIN_SHARE)
    type_text(page, TOXIC)
    panel = page.locator(PANEL)
    expect(panel).to_be_visible(timeout=5000)
    for width in (1400, 1000):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(200)
        editor, box = page.locator(LINKEDIN_SHARE.editor_selector).bounding_box(), panel.bounding_box()
        assert editor is not None and box is not None
        apart = (box["x"] >= editor["x"] + editor["width"] or box["x"] + box["width"] <= editor["x"]
                 or box["y"] >= editor["y"] + editor["height"] or box["y"] + box["height"] <= editor["y"])
        assert apart, ("the panel covers the text", width, editor, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width


def test_checks_resume_after_the_service_worker_is_stopped(page: Page, context: BrowserContext) -> None:
    c = BY_KEY["linkedin-sdui"]
    open_composer(page, c)
    cdp = context.new_cdp_session(page)
    cdp.send("ServiceWorker.enable")
    cdp.send("ServiceWorker.stopAllWorkers")
    type_text(page, "Call Sam on 07700 900461 about the panel.")
    expect(finding(page, "personal-data")).to_be_visible(timeout=8000)


def test_options_page_lists_the_composers_recognised_in_open_tabs(page: Page, context: BrowserContext) -> None:
    open_composer(page, LINKEDIN_SHARE)
    type_text(page, "Hello")
    expect(page.locator(PANEL)).to_be_visible(timeout=5000)
    options = context.new_page()
    options.goto(f"chrome-extension://{context.extension_id}/extension/options/options.html")  # type: ignore[attr-defined]
    listed = options.locator('[data-clearpost="recognised-composer"]')
    expect(listed.filter(has_text="LinkedIn: share box (Quill)")).to_have_count(1, timeout=5000)
    expect(listed.filter(has_text="LinkedIn: share box (Quill)")).to_contain_text("author, post button")
    options.close()


def _screenshot(page: Page, c: Composer, name: str) -> None:
    page.set_viewport_size({"width": 1200, "height": 700})
    open_composer(page, c)
    type_text(page, "Proud of the IntegrateUK team! Honestly our new councillor is a useless idiot, call him on 07700 900461.")
    expect(finding(page, "personal-data")).to_be_visible(timeout=5000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


def test_screenshots_of_the_panel(page: Page) -> None:
    for key, name in (("x-reply", "x"), ("linkedin-share", "linkedin"), ("instagram-caption", "instagram")):
        _screenshot(page, BY_KEY[key], name)


def test_every_platform_has_at_least_two_composers_and_ten_in_all() -> None:
    assert len(COMPOSERS) >= 10
    for platform in ("x", "linkedin", "instagram"):
        assert sum(c.platform == platform for c in COMPOSERS) >= 2


def test_localised_post_buttons_are_found_by_their_words(page: Page) -> None:
    """German pages: Instagram's "Teilen" and LinkedIn's "Posten" are still each composer's post button."""
    cases = [
        (BY_KEY["instagram-caption"], '[role="dialog"] [data-lexical-editor="true"]', '[role="dialog"] [role="button"]:text-is("Teilen")'),
        (BY_KEY["linkedin-sdui"], BY_KEY["linkedin-sdui"].editor_selector, 'dialog[data-testid="dialog"] button:text-is("Posten")'),
    ]
    for c, editor, post in cases:
        page.goto(c.href(lang="de"))
        page.evaluate("id => __fixture.open(id)", c.id)
        page.locator(editor).click()
        type_text(page, TOXIC)
        expect(finding(page, "toxicity")).to_be_visible(timeout=5000)
        page.locator(post).click()
        expect(page.locator(f'{PANEL} [data-clearpost="step-in"]'), c.key).to_be_visible()
        assert posted(page, c) == 0


def test_the_draft_is_never_kept_in_the_extensions_storage_or_its_console(page: Page, context: BrowserContext) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    worker = context.service_workers[0]
    worker.on("console", lambda message: console.append(message.text))  # type: ignore[arg-type]
    open_composer(page, LINKEDIN_SHARE)
    draft = "Zebra-unique draft: call Sam on 07700 900461, our councillor is an idiot."
    type_text(page, draft)
    expect(finding(page, "personal-data")).to_be_visible(timeout=5000)
    page.locator(LINKEDIN_SHARE.post_button).click()
    page.locator(f'{PANEL} [data-clearpost-action="post-anyway"]').click()
    stored = worker.evaluate("async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)])")
    assert "Zebra" not in stored and "07700" not in stored
    assert not any("Zebra" in line or "07700" in line for line in console)
