"""The decisions tests' clock and open matter, reused for ballots before an erasure."""

from gongzhi.decisions.tests.conftest import clock, voting  # noqa: F401 - fixtures
