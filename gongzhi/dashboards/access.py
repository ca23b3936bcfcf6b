"""Who may open the dashboards at all: the officials (bureau, street, community and
department staff); what each sees is the place they may reach (``selectors.place_for``)."""

from gongzhi.core.access import OFFICIALS, Rule

READERS = Rule(roles=OFFICIALS)

ACCESS: dict[str, Rule] = {
    "dashboards:home": READERS,
    "dashboards:place": READERS,
    "dashboards:export": READERS,
    "dashboards:rows": READERS,
}
