"""Complaint statistics (seed 002 §二(一)2(1): 统计分析, 投诉较多的小区和物业服务企业).

The services keep :class:`ComplaintDailyStat` counters and their monthly and yearly
roll-ups (:class:`ComplaintPeriodStat`) up to date in the same transaction as the change
they count (:func:`bump`, in ``counters``). A period is read from the coarsest counters
that cover it (``periods._segments``: whole years, then whole months, then single days),
so the statistics page and the dashboard (``hotspots``) read at most projects ×
categories rows for a year, however many complaints it had. Open and overdue counts come
from :class:`ComplaintOpenSnapshot` (``snapshot``), refreshed by a task
(:func:`refresh_open`) because time, not a write, makes a complaint overdue.
"""

from gongzhi.complaints.stats.counters import (
    COUNTERS,
    SEGMENT,
    bump,
    rebuild,
    rebuild_periods,
    stat_key,
)
from gongzhi.complaints.stats.hotspots import HotSpots, hot_spots, hot_spots_live
from gongzhi.complaints.stats.periods import (
    EARLIEST,
    StatFilters,
    StatRow,
    Summary,
    grouped,
    scoped_stats,
    summary,
)
from gongzhi.complaints.stats.snapshot import OpenCounts, open_counts, open_overdue, refresh_open

__all__ = [
    "COUNTERS",
    "EARLIEST",
    "SEGMENT",
    "HotSpots",
    "OpenCounts",
    "StatFilters",
    "StatRow",
    "Summary",
    "bump",
    "grouped",
    "hot_spots",
    "hot_spots_live",
    "open_counts",
    "open_overdue",
    "rebuild",
    "rebuild_periods",
    "refresh_open",
    "scoped_stats",
    "stat_key",
    "summary",
]
