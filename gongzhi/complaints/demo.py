"""Demo rows of this app (see gongzhi.demo.extensions)."""

from __future__ import annotations

from gongzhi.demo.extensions import DemoContext


def populate(ctx: DemoContext) -> dict[str, int]:
    return {}
