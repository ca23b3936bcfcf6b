"""Who may open each open311 page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.core.access import Rule

ACCESS: dict[str, Rule] = {}
