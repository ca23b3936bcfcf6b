"""The supervision dashboard's figures per jurisdiction node (seed 000 §3, §17, §19;
002 §二(一)2; 003 §四; 004 §15, §20), and the rows behind each figure.

A *place* is a node of the tree (district, street, community) or one project of a
community. Every figure is read through ``visible_to(actor)`` **and** restricted to the
place, so a bureau official drilling into a street sees exactly what that street's own
officer sees, and a street officer can never name another street (``place_for`` gives
the same "not found" for absent and forbidden nodes). Functional-department staff see
the complaints routed to their department only.

Each figure carries a ``drill`` key; :func:`figure_rows` returns the rows it counts (the
list behind the figure), from the same filters, so a figure and its list cannot disagree.
Complaint volumes come from the pre-aggregated counters of ``gongzhi.complaints.stats``
(see docs/domains/dashboards.md for their staleness); everything else is counted live.
"""

from gongzhi.dashboards.selectors.drill import DRILLS, company_names, figure_rows
from gongzhi.dashboards.selectors.figures import (
    AreaRow,
    Dashboard,
    Figure,
    Row,
    Series,
    area_rows,
    dashboard,
)
from gongzhi.dashboards.selectors.scoped import (
    COVERAGE,
    FORMED,
    SEGMENT,
    TOP,
    Place,
    assessments,
    blacklisted,
    breadcrumbs,
    companies_q,
    complaints,
    coverage_q,
    credit_scores,
    fund_accounts,
    home_place,
    latest_quarter,
    open_complaints,
    overdue_complaints,
    overdue_contracts,
    place_for,
    projects,
    topups,
    under,
)

__all__ = [
    "COVERAGE",
    "DRILLS",
    "FORMED",
    "SEGMENT",
    "TOP",
    "AreaRow",
    "Dashboard",
    "Figure",
    "Place",
    "Row",
    "Series",
    "area_rows",
    "assessments",
    "blacklisted",
    "breadcrumbs",
    "company_names",
    "companies_q",
    "coverage_q",
    "complaints",
    "credit_scores",
    "dashboard",
    "figure_rows",
    "fund_accounts",
    "home_place",
    "latest_quarter",
    "open_complaints",
    "overdue_complaints",
    "overdue_contracts",
    "place_for",
    "projects",
    "topups",
    "under",
]
