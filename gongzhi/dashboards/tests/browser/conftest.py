"""The shell's browser harness (Debian's Chromium through Playwright), reused as is."""

from gongzhi.web.tests.browser.conftest import (  # noqa: F401 - fixtures
    _allow_orm_beside_playwright,
    browser,
    chromium_executable,
    city,
    new_page,
)
