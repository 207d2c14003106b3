"""The options page: pairing with a connection test, validation of what the user enters, per-site switch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.composers import BY_KEY
from e2e.conftest import TOKEN, Service


@pytest.fixture
def options(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    page.goto(f"chrome-extension://{context.extension_id}/extension/options/options.html")  # type: ignore[attr-defined]
    yield page
    # Put back what the other tests rely on.
    context.service_workers[0].evaluate("() => chrome.storage.local.remove(['sites', 'officialHandles', 'profileDisclaimer'])")
    page.close()


def test_connection_test_with_the_right_token(options: Page, service: Service) -> None:
    options.fill("#serviceUrl", service.url)
    options.fill("#token", TOKEN)
    options.click('[data-clearpost-action="test-connection"]')
    expect(options.locator('[data-clearpost="connection-status"]')).to_contain_text("Connected", timeout=5000)


def test_connection_test_with_a_wrong_token_says_so(options: Page, service: Service) -> None:
    options.fill("#serviceUrl", service.url)
    options.fill("#token", "not-the-token")
    options.click('[data-clearpost-action="test-connection"]')
    expect(options.locator('[data-clearpost="connection-status"]')).to_contain_text("token is wrong", timeout=5000)


@pytest.mark.parametrize(("url", "message"), [("https://clearpost.example.com", "127.0.0.1"), ("not a url", "not a URL")])
def test_a_service_address_off_this_machine_is_refused(options: Page, url: str, message: str) -> None:
    options.fill("#serviceUrl", url)
    options.click('[data-clearpost-action="save"]')
    expect(options.locator("#saved")).to_contain_text(message)


def test_switching_a_site_off_stops_checks_there(options: Page, context: BrowserContext, service: Service) -> None:
    options.fill("#serviceUrl", service.url)
    options.fill("#token", TOKEN)
    options.select_option("#org", "iuk")
    options.uncheck('[data-clearpost-site="linkedin"]')
    options.click('[data-clearpost-action="save"]')
    expect(options.locator("#saved")).to_have_text("Saved.")
    page = context.new_page()
    share = BY_KEY["linkedin-share"]
    page.goto(share.href())
    page.evaluate("id => __fixture.open(id)", share.id)
    page.click(share.editor_selector)
    page.keyboard.type("Our new councillor is a useless idiot.")
    page.wait_for_timeout(1000)
    expect(page.locator('[data-clearpost="panel"]')).to_have_count(0)
    page.close()


def test_official_accounts_take_linkedin_page_names_and_refuse_malformed_handles(options: Page, context: BrowserContext) -> None:
    options.fill("#handles-linkedin", "Université Côte d'Azur\nIntegrateUK Ltd")
    options.click('[data-clearpost-action="save"]')
    expect(options.locator("#saved")).to_have_text("Saved.")
    stored = context.service_workers[0].evaluate("() => chrome.storage.local.get('officialHandles')")
    assert stored["officialHandles"]["linkedin"] == ["Université Côte d'Azur", "IntegrateUK Ltd"]
    options.fill("#handles-x", "IUK Events")
    options.click('[data-clearpost-action="save"]')
    expect(options.locator("#saved")).to_contain_text("is not an X handle")
