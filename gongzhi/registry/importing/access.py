from gongzhi.core.access import Rule

ACCESS: dict[str, Rule] = {}
