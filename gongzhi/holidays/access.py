"""Who may open each holidays page at all."""

from gongzhi.core.access import Rule

ACCESS: dict[str, Rule] = {}
