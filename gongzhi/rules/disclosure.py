"""The disclosure board (公示栏): which items a project must post, and how complete and
current its board is (no Django).

Seed 000 §14 requires the property company, under the street's and community's
supervision, to post and keep current on a board in a visible place (and may post online):
the project manager and contact, the complaint phone, service content and standard, fee
items and standard, the elevator and fire-system maintenance contractors and contacts,
parking use, shared utility costs, common-revenue income and expenses and elevator
maintenance spending, plus home-care and similar services with their prices. Seed 002
§三(一)3(2) adds the owners' fee-payment status; seed 004 §9 the contract and fee standard
shown at sale; seed 000 §24 the handover inspection results; seed 001 §四(二) the published
assessment results; seed 000 §22 the committee's yearly publication. 民法典 art. 943 is the
national floor (服务的事项、负责人员、质量要求、收费项目、收费标准 … 维修资金使用情况、
业主共有部分的经营与收益情况).

Which kinds a jurisdiction requires, and how old each may get before it is "out of date",
is the profile's ``disclosure_required_items`` table. This module parses it, checks the
fields an entered item carries, and judges a board from the date each item was last
brought up to date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.params import InvalidValue, show

# Item kinds. "entered" kinds are typed in by the company (or the committee, or a later
# capability through the disclosure service); "derived" kinds are read from the platform's
# own records (fees, funds, assessments), so the board can never disagree with them.
ENTERED_KINDS = (
    "project_manager",  # 000 §14 项目负责人的基本情况、联系方式
    "complaint_phone",  # 000 §14 物业服务投诉电话
    "service_standard",  # 000 §14 物业服务内容和标准; 004 §9 服务内容 … 服务区域、服务责任人
    "equipment_maintenance",  # 000 §14 电梯和消防等设施设备维保单位和联系方式
    "parking_use",  # 000 §14 车位车库使用情况
    "shared_utilities",  # 000 §14 公共水电费分摊情况; 002 §三(一)3(2)
    "elevator_maintenance_spending",  # 000 §14 电梯维护保养支出情况
    "extra_services",  # 000 §14 家政、养老等服务 … 按双方约定价格
    "sale_contract",  # 004 §9 销售阶段 … 公示物业服务合同内容和收费标准
    "handover_results",  # 000 §24 向业主公开查验结果 (filled by the lifecycle capability)
)
DERIVED_KINDS = (
    "fee_items",  # 000 §14 收费项目和标准 ← fees: the published fee standard
    "payment_status",  # 002 §三(一)3(2) 业主交纳物业服务费用情况 ← fees: payment publication
    "common_revenue",  # 000 §14 公共经营收益收支情况 ← funds: common-revenue ledger
    "assessment_results",  # 001 §四(二) 考核结果 … 向社会公布 ← assessments: published
    "committee_annual_report",  # 000 §22 每年向业主公布 ← funds: revenue statement
)
KINDS = ENTERED_KINDS + DERIVED_KINDS

ITEM_SHAPE = '{ kind = "project_manager", max_age_days = 365, source = "seed 000 §14" }'

# The fields of each entered kind: (name, required, max length). Free text stays short
# enough to print on one A4 board; long documents are attachments elsewhere.
FIELDS: Mapping[str, tuple[tuple[str, bool, int], ...]] = {
    "project_manager": (("name", True, 64), ("phone", True, 32), ("qualification", False, 200)),
    "complaint_phone": (
        ("company_phone", True, 32),
        ("community_phone", False, 32),
        ("street_phone", False, 32),
        ("hotline", False, 32),
    ),
    "service_standard": (
        ("grade", True, 32),
        ("content", True, 2000),
        ("service_area", False, 200),
    ),
    "equipment_maintenance": (
        ("elevator_contractor", True, 200),
        ("elevator_contact", True, 32),
        ("fire_contractor", True, 200),
        ("fire_contact", True, 32),
    ),
    "parking_use": (
        ("spaces_total", True, 8),
        ("spaces_sold", False, 8),
        ("spaces_rented", False, 8),
        ("charges", False, 500),
    ),
    "shared_utilities": (
        ("period", True, 32),
        ("water_yuan", True, 16),
        ("electricity_yuan", True, 16),
        ("method", True, 500),
    ),
    "elevator_maintenance_spending": (
        ("period", True, 32),
        ("amount_yuan", True, 16),
        ("detail", False, 1000),
    ),
    "extra_services": (("services", True, 2000),),
    "sale_contract": (("contract_summary", True, 2000), ("fee_standard", True, 500)),
    "handover_results": (
        ("inspected_on", True, 10),
        ("result", True, 1000),
        ("issues", False, 2000),
        ("rectification", False, 1000),
    ),
}
NUMBER_FIELDS = frozenset({"spaces_total", "spaces_sold", "spaces_rented"})
MONEY_FIELDS = frozenset({"water_yuan", "electricity_yuan", "amount_yuan"})
PHONE_FIELDS = frozenset(
    {"phone", "company_phone", "community_phone", "street_phone", "hotline"}
    | {"elevator_contact", "fire_contact"}
)
DATE_FIELDS = frozenset({"inspected_on"})
_PHONE = re.compile(r"^[0-9][0-9\- ]{2,30}$")
_MONEY = re.compile(r"^\d{1,12}(\.\d{1,2})?$")

_REQUIRED = gettext_noop("This field is required.")
_TOO_LONG = gettext_noop("At most %(max)s characters.")
_NOT_PHONE = gettext_noop("Enter a phone number (digits, spaces and hyphens).")
_NOT_NUMBER = gettext_noop("Enter a whole number.")
_NOT_MONEY = gettext_noop("Enter an amount in yuan with at most two decimals.")
_NOT_DATE = gettext_noop("Enter a date as YYYY-MM-DD.")
_UNKNOWN_FIELD = gettext_noop("This item has no field “%(field)s”.")
_SOLD_OVER = gettext_noop("Sold and rented spaces cannot exceed the total.")


@dataclass(frozen=True)
class RequiredItem:
    """One item a profile requires on the board and how many days it may go un-updated."""

    kind: str
    max_age_days: int
    source: str


@dataclass(frozen=True)
class ItemStatus:
    kind: str
    required: bool
    present: bool
    as_of: dt.date | None
    due_by: dt.date | None  # the last day the current content counts as up to date
    out_of_date: bool
    source: str


@dataclass(frozen=True)
class BoardStatus:
    """A board judged against its profile: every required item's status, the share of
    required items present and current, and the reason in words."""

    items: tuple[ItemStatus, ...]
    required: int
    current: int  # present and not out of date
    missing: tuple[str, ...]
    out_of_date: tuple[str, ...]
    explanation: Explanation

    @property
    def completeness(self) -> Fraction:
        return Fraction(self.current, self.required) if self.required else Fraction(1)

    @property
    def percent(self) -> int:
        """Completeness in whole percent, rounded down (never shows 100 % for 99.5 %)."""
        share = self.completeness * 100
        return share.numerator // share.denominator  # Fraction floor, exact

    @property
    def is_out_of_date(self) -> bool:
        return bool(self.out_of_date)


def parse_required_items(raw: object) -> tuple[object, ...]:
    """The ``disclosure_required_items`` table → :class:`RequiredItem` values; known,
    distinct kinds; a period from 1 to 1 000 days; a non-empty source per item."""
    if not isinstance(raw, list) or not raw:
        raise InvalidValue("", f"a non-empty list of tables like {ITEM_SHAPE}", show(raw))
    items: list[RequiredItem] = []
    keys = {"kind", "max_age_days", "source"}
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, Mapping) or set(entry) != keys:
            raise InvalidValue(where, "exactly the keys " + ", ".join(sorted(keys)), show(entry))
        kind = entry["kind"]
        if kind not in KINDS:
            raise InvalidValue(f"{where}.kind", "one of " + ", ".join(KINDS), show(kind))
        if any(item.kind == kind for item in items):
            raise InvalidValue(f"{where}.kind", "a kind not listed twice", show(kind))
        days = entry["max_age_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 1000:
            raise InvalidValue(f"{where}.max_age_days", "an integer from 1 to 1000", show(days))
        source = entry["source"]
        if not isinstance(source, str) or not source.strip():
            raise InvalidValue(f"{where}.source", "a non-empty string", show(source))
        items.append(RequiredItem(kind, days, source))
    return tuple(items)


def clean_entry(
    kind: str, data: Mapping[str, object]
) -> tuple[dict[str, str], dict[str, Explanation]]:
    """An entered item's fields, trimmed, and the problems found, by field name.

    Only the kind's own fields are accepted; required fields must be non-empty; phones,
    whole numbers, yuan amounts and dates must have their shape. Nothing is stored when
    any problem is returned.
    """
    if kind not in FIELDS:
        raise ValueError(f"{kind!r} is not an entered item kind")
    spec = FIELDS[kind]
    names = {name for name, _, _ in spec}
    errors: dict[str, Explanation] = {}
    for name in data:
        if name not in names:
            errors[str(name)] = Explanation.of(_UNKNOWN_FIELD, field=name)
    clean: dict[str, str] = {}
    for name, required, max_length in spec:
        raw = data.get(name)
        value = "" if raw is None else str(raw).strip()
        clean[name] = value
        if not value:
            if required:
                errors[name] = Explanation.of(_REQUIRED)
            continue
        if len(value) > max_length:
            errors[name] = Explanation.of(_TOO_LONG, max=max_length)
        elif name in PHONE_FIELDS and not _PHONE.match(value):
            errors[name] = Explanation.of(_NOT_PHONE)
        elif name in NUMBER_FIELDS and not (value.isascii() and value.isdigit()):
            errors[name] = Explanation.of(_NOT_NUMBER)
        elif name in MONEY_FIELDS and not _MONEY.match(value):
            errors[name] = Explanation.of(_NOT_MONEY)
        elif name in DATE_FIELDS and not _is_date(value):
            errors[name] = Explanation.of(_NOT_DATE)
    if kind == "parking_use" and not errors:
        used = sum(int(clean[f] or 0) for f in ("spaces_sold", "spaces_rented"))
        if used > int(clean["spaces_total"]):
            errors["spaces_sold"] = Explanation.of(_SOLD_OVER)
    return clean, errors


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


_COMPLETE = gettext_noop(
    "%(current)s of %(required)s required items are posted and up to date (%(percent)s%%)."
)


def board_status(
    required: Sequence[RequiredItem],
    as_of: Mapping[str, dt.date | None],
    today: dt.date,
    citation: str = "seed 000 §14",
) -> BoardStatus:
    """Judge a board: each required item is present when it has an ``as_of`` date, and out
    of date when ``today`` is past ``as_of + max_age_days`` (the day itself still counts).

    Items posted but not required are listed after the required ones, never out of date
    and never counted. Completeness = required items present and current / required items.
    """
    statuses: list[ItemStatus] = []
    missing: list[str] = []
    stale: list[str] = []
    for item in required:
        date = as_of.get(item.kind)
        if date is None:
            missing.append(item.kind)
            statuses.append(ItemStatus(item.kind, True, False, None, None, False, item.source))
            continue
        due = date + dt.timedelta(days=item.max_age_days)
        old = today > due
        if old:
            stale.append(item.kind)
        statuses.append(ItemStatus(item.kind, True, True, date, due, old, item.source))
    wanted = {item.kind for item in required}
    for kind in KINDS:
        date = as_of.get(kind)
        if kind not in wanted and date is not None:
            statuses.append(ItemStatus(kind, False, True, date, None, False, ""))
    count = len(required)
    current = count - len(missing) - len(stale)
    share = Fraction(current, count) * 100 if count else Fraction(100)
    percent = share.numerator // share.denominator
    explanation = Explanation.of(
        _COMPLETE, citation, current=current, required=count, percent=percent
    )
    return BoardStatus(
        items=tuple(statuses),
        required=count,
        current=current,
        missing=tuple(missing),
        out_of_date=tuple(stale),
        explanation=explanation,
    )
