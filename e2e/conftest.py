"""End-to-end fixtures: the real service, Debian's Chromium with the unpacked extension from
dist/extension, and each platform's page served under its real origin by routing, built on
that platform's real editor library (e2e/fixtures, bundled by `make e2e-fixtures`)."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from playwright.sync_api import BrowserContext, Page, Playwright, Route, sync_playwright

from clearpost import Engine, builtin_pack
from clearpost.service import ServiceConfig, create_app, wait_until_ready

REPO = Path(__file__).resolve().parents[1]
EXTENSION = REPO / "dist" / "extension"
FIXTURES = REPO / "e2e" / "fixtures"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TOKEN = "e2e-token-0123456789abcdefghijklmnopqrstuvwxyz"
# The service's config.toml [official_handles] for the tests: posting as these is official.
OFFICIAL_HANDLES = {"x": frozenset({"iuk_events"}), "linkedin": frozenset({"integrateuk"}), "instagram": frozenset({"integrateuk"})}
ORIGINS = {"x": "https://x.com", "linkedin": "https://www.linkedin.com", "instagram": "https://www.instagram.com"}


class Service:
    """The real aiohttp app on a free port, in its own thread; stop() and start() it again."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.port = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.runner: web.AppRunner | None = None

    def config(self) -> ServiceConfig:
        return ServiceConfig(pack=builtin_pack("iuk"), official_handles=OFFICIAL_HANDLES)

    def start(self) -> None:
        async def go() -> None:
            app = create_app(self.config(), TOKEN, engine_factory=lambda: self.engine)
            self.runner = web.AppRunner(app, access_log=None)
            await self.runner.setup()
            site = web.TCPSite(self.runner, "127.0.0.1", self.port)
            await site.start()
            self.port = self.runner.addresses[0][1]
            await wait_until_ready(app)

        asyncio.run_coroutine_threadsafe(go(), self.loop).result(60)

    def stop(self) -> None:
        if self.runner is not None:
            asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(30)
            self.runner = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(model_threads=1)


@pytest.fixture(scope="session")
def service(engine: Engine) -> Iterator[Service]:
    svc = Service(engine)
    svc.start()
    yield svc
    svc.stop()
    svc.loop.call_soon_threadsafe(svc.loop.stop)
    svc.thread.join(10)
    svc.loop.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright for the session: the sync API allows only one at a time in a process."""
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def context(tmp_path_factory: pytest.TempPathFactory, service: Service, playwright: Playwright) -> Iterator[BrowserContext]:
    if not (EXTENSION / "manifest.json").exists():
        pytest.fail("dist/extension is not built: run `make extension` (make test does it)")
    if not (FIXTURES / "dist" / "x.js").exists():
        pytest.fail("the editor fixtures are not built: run `make e2e-fixtures` (make test does it)")
    ctx = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"],
    )
    for platform, origin in ORIGINS.items():
        ctx.route(f"{origin}/**", _serve_fixture(platform))
    worker = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker")
    worker.evaluate("s => chrome.storage.local.set(s)", {"serviceUrl": service.url, "token": TOKEN, "org": "iuk"})
    ctx.extension_id = worker.url.split("/")[2]  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


def _serve_fixture(platform: str) -> Any:
    def handle(route: Route) -> None:
        path = route.request.url.split("?", 1)[0]
        if path.endswith(f"/fixture/{platform}.js"):
            route.fulfill(path=FIXTURES / "dist" / f"{platform}.js", content_type="text/javascript")
        else:
            route.fulfill(path=FIXTURES / f"{platform}.html", content_type="text/html")

    return handle


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    p = context.new_page()
    yield p
    p.close()
