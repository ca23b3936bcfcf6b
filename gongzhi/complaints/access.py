"""Who may open each complaints page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.core.access import Rule

ACCESS: dict[str, Rule] = {}
