"""``{% stylesheet "app/print.css" inline=pdf %}``: a printable document's styles.

A browser gets ``<link rel="stylesheet">`` to the static file (the Content-Security-Policy
allows no inline style); WeasyPrint, which renders the same template to PDF without
fetching from the server, gets the file's text in a ``<style>`` element instead.
"""

from __future__ import annotations

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def stylesheet(path: str, inline: bool = False) -> SafeString:
    if inline:
        found = finders.find(path)
        if found:
            with open(found, encoding="utf-8") as handle:  # noqa: PTH123
                css = handle.read().replace("</", "<\\/")
            return mark_safe(f"<style>{css}</style>")  # noqa: S308 - our own static file
    return format_html('<link rel="stylesheet" href="{}">', static(path))
