"""Headers and policy (CSP): the Content-Security-Policy allows no inline script or
style, so no template may carry one; the other headers are on every page."""

from __future__ import annotations

import re
from pathlib import Path

import gongzhi

TEMPLATES = sorted(Path(gongzhi.__file__).parent.glob("**/templates/**/*.html"))
# <script> without src (a JSON data block is allowed: it is never executed), <style>,
# style="…", on…= event handlers and javascript: URLs
INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle=[\"']", re.I),
    re.compile(r"\son[a-z]+=[\"']", re.I),
    re.compile(r"javascript:", re.I),
]


def test_no_template_carries_inline_script_or_style():
    found = [
        f"{path.relative_to(Path(gongzhi.__file__).parent)}: {pattern.pattern}"
        for path in TEMPLATES
        for pattern in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert TEMPLATES and not found, found


def test_every_page_has_the_security_headers(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
