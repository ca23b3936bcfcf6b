"""Who may open the dashboards at all: the officials (bureau, street, community and
department staff); what each sees is the place they may reach (``selectors.place_for``)."""

from gongzhi.core.access import OFFICIALS, SUPERVISORS, Rule

READERS = Rule(roles=OFFICIALS)
# Reports are per node: the officials of the tree (not departments, which have no node view)
REPORTERS = Rule(roles=SUPERVISORS)

ACCESS: dict[str, Rule] = {
    "dashboards:home": READERS,
    "dashboards:place": READERS,
    "dashboards:export": READERS,
    "dashboards:rows": READERS,
    "dashboards:reports": REPORTERS,
    "dashboards:report": REPORTERS,
    "dashboards:report_file": REPORTERS,
}
