"""Browser-test harness: Playwright for Python driving Debian's Chromium.

Chromium is never downloaded by Playwright (``playwright install`` is not used): it comes
from the Debian packages ``chromium``, ``chromium-driver`` and ``fonts-noto-cjk`` (the
fonts give Chromium glyphs for Chinese). When they are missing, the session installs them
with apt-get (the test machines run as root); if Chromium still cannot be launched, the
tests fail with a clear message instead of being skipped.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from gongzhi.testing import City, build_city

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = Path("/usr/bin/chromium")
# One file per package that has to be present for the browser tests to be meaningful.
REQUIRED_FILES = {
    "chromium": CHROMIUM,
    "chromium-driver": Path("/usr/bin/chromedriver"),
    "fonts-noto-cjk": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
}
APT_COMMAND = "apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk"
INSTALL_LOCK = Path("/tmp/gongzhi-browser-apt.lock")  # noqa: S108 - serialises xdist workers
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # The machine has no internet: without these Chromium floods refused connections.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Chromium logs "Refused to … because it violates the following Content Security Policy
# directive"; the init script reports each securitypolicyviolation event the same way.
CSP_MARK = "Content Security Policy"
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective + " blocked "
    + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    # the narrowest phones still sold (360 px CSS width): every tab must fit
    "small_phone": {
        "viewport": {"width": 360, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


def _missing_packages() -> list[str]:
    return [package for package, path in REQUIRED_FILES.items() if not path.exists()]


def _apt_install() -> None:
    """Install Chromium and the CJK fonts from Debian's archive (one worker at a time)."""
    with INSTALL_LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _missing_packages():  # another xdist worker installed them meanwhile
            return
        if os.geteuid() != 0:
            pytest.fail(
                f"Browser tests need {', '.join(_missing_packages())}; "
                f"run as root or install them first: {APT_COMMAND}",
                pytrace=False,
            )
        result = subprocess.run(  # noqa: S602 - a fixed command, no user input
            APT_COMMAND,
            shell=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(
                f"Installing Chromium for the browser tests failed ({APT_COMMAND!r} exited "
                f"{result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}",
                pytrace=False,
            )


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """``/usr/bin/chromium``, installed with apt-get first when it (or a companion) is missing."""
    if _missing_packages():
        _apt_install()
    still_missing = _missing_packages()
    if still_missing:
        pytest.fail(
            f"apt-get ran but these packages are still missing: {', '.join(still_missing)}",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Let fixtures use the ORM while Playwright's event loop runs in this thread.

    Playwright's sync API keeps an asyncio loop "running" in the main thread, so Django's
    async-safety guard would refuse the ORM calls made by fixtures (test data, the
    transactional flush). The flag is set for the browser tests only and restored after
    them, so the rest of the suite keeps the guard; the live server has its own thread.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser(chromium_executable: Path, _allow_orm_beside_playwright: None) -> Iterator[Browser]:
    """One headless Chromium for the browser tests; stopped (with its loop) after them."""
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_executable), headless=True, args=LAUNCH_ARGS
        )
    except Exception as exc:  # any launch failure must fail the run loudly, never skip
        playwright.stop()
        pytest.fail(
            f"Chromium at {chromium_executable} is installed but could not be launched "
            f"headless by Playwright:\n{exc}",
            pytrace=False,
        )
    yield launched
    launched.close()
    playwright.stop()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[[str], Page]]:
    """``new_page("phone")`` opens a page in a fresh context with that viewport.

    The context asks for Chinese (``Accept-Language: zh-CN``) like the platform's users'
    browsers do; ``LocaleMiddleware`` would otherwise serve English to headless Chromium.
    """
    contexts: list[BrowserContext] = []
    violations: list[str] = []

    def _console(message: ConsoleMessage) -> None:
        if CSP_MARK in message.text:
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def _new_page(viewport: str) -> Page:
        context = browser.new_context(
            **VIEWPORTS[viewport], locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        context.set_default_timeout(10_000)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", _console)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()
    # Every journey also tests the Content-Security-Policy: a blocked inline
    # script, style or event handler fails the test that met it.
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def city(transactional_db: None) -> City:
    """The two-street test city, committed so the live server's thread can see it."""
    return build_city()
