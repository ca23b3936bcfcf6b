"""The shell's browser harness (Playwright on Debian's Chromium), reused here."""

from gongzhi.web.tests.browser.conftest import (  # noqa: F401 - fixtures
    _allow_orm_beside_playwright,
    browser,
    chromium_executable,
    city,
    new_page,
)
