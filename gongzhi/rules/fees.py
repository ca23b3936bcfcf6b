"""Property-service fees: what one exclusive part owes for a billing period, and who owes it.

Owns the bill-line arithmetic and the profile's fee rules:

- a line is *area × monthly price* (or *one part × monthly price* for items charged per
  part, such as a parking space) for each month of the period. **Rounding rule**: the
  monthly amount of a line is rounded to the fen once, half up (四舍五入, ROUND_HALF_UP),
  and then multiplied by the number of months. Billing is therefore exactly additive
  over months: twelve monthly bills add up to the yearly bill, fen for fen;
- only items on the published list may be billed (seed 000 §14: 物业服务企业不得收取公示
  收费项目以外的费用);
- an unrenovated part paid by its owner is billed at the profile's share of the fee where
  the fee standard adopts it (seed 000 §15: 未装修的业主物业服务费可约定按60%的标准收取);
- a part not yet sold or not yet delivered is billed to the developer, at the full fee
  (物业管理条例 art. 41; seed 000 §15 incl. unsold parking; seed 004 §7 全额交纳);
- the developer's reserve subsidy for unsold units (seed 004 §7: 不少于2个月的储备费补贴):
  the months the profile sets, stated as a requirement (its amount is the staff wages,
  which the platform does not know).

Pure Python: no Django. Money is integer fen, prices ``Decimal`` yuan, shares ``Fraction``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from gongzhi.rules.exact import format_decimal, format_percent, round_fraction, to_fraction
from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.money import FEN_PER_YUAN, format_fen

if TYPE_CHECKING:
    from gongzhi.rules.profiles import PolicyProfile

BASIS_AREA = "area"  # price per m² per month
BASIS_PART = "part"  # price per part per month
PAYER_OWNER = "owner"
PAYER_DEVELOPER = "developer"
# Delivery states of an exclusive part (registry.ExclusivePart.Delivery values).
UNSOLD = "unsold"
SOLD_UNDELIVERED = "sold_undelivered"
DELIVERED = "delivered"
MAX_MONTHS = 120


class FeeRuleError(ValueError):
    """Input the fee rules refuse; ``field`` names the input, ``message`` is a msgid."""

    def __init__(self, field: str, message: str, **params: object) -> None:
        self.field = field
        self.message = message
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(message % self.params if self.params else message)


@dataclass(frozen=True)
class FeeItem:
    """One published fee item (收费项目): its name, basis, part kind and monthly price."""

    name: str
    part_kind: str
    basis: str
    price_yuan: Decimal


@dataclass(frozen=True)
class PartFacts:
    """What the rules need to know of an exclusive part."""

    kind: str
    area: Decimal
    delivery: str
    unrenovated: bool
    has_owner: bool


@dataclass(frozen=True)
class FeeRules:
    """The profile's fee rules, with their sources."""

    unrenovated_share: Fraction | None
    unrenovated_citation: str
    developer_pays_undelivered: bool
    developer_citation: str
    reserve_subsidy_months: int | None
    reserve_citation: str


def fee_rules(profile: PolicyProfile) -> FeeRules:
    """Read the fee rules of a policy profile."""
    return FeeRules(
        unrenovated_share=profile.optional_fraction("unrenovated_unit_fee_percent"),
        unrenovated_citation=profile.param("unrenovated_unit_fee_percent").source,
        developer_pays_undelivered=profile.flag("fees_developer_pays_undelivered"),
        developer_citation=profile.param("fees_developer_pays_undelivered").source,
        reserve_subsidy_months=profile.optional_int("unsold_units_reserve_subsidy_months"),
        reserve_citation=profile.param("unsold_units_reserve_subsidy_months").source,
    )


_LINE_AREA = gettext_noop(
    "%(item)s: %(area)s m² × %(price)s per m² a month = %(monthly)s a month "
    "(rounded half up to the fen) × %(months)s months = %(amount)s."
)
_LINE_AREA_SHARE = gettext_noop(
    "%(item)s: %(area)s m² × %(price)s per m² a month × %(share)s for an unrenovated part "
    "= %(monthly)s a month (rounded half up to the fen) × %(months)s months = %(amount)s."
)
_LINE_PART = gettext_noop(
    "%(item)s: %(price)s per part a month = %(monthly)s a month × %(months)s months = %(amount)s."
)
_LINE_PART_SHARE = gettext_noop(
    "%(item)s: %(price)s per part a month × %(share)s for an unrenovated part = %(monthly)s "
    "a month (rounded half up to the fen) × %(months)s months = %(amount)s."
)
_PAYER_OWNER = gettext_noop("Billed to the owner of the part.")
_PAYER_DEVELOPER = gettext_noop(
    "The part is not yet sold or not yet delivered: the developer pays the full fee."
)
_NO_PAYER = gettext_noop("The part has no registered owner, so no one can be billed for it.")
_NOT_PUBLISHED = gettext_noop(
    "“%(item)s” is not on the published fee list; no fee outside the published list may be charged."
)
_NO_ITEMS = gettext_noop("The published list has no item for parts of this kind.")
_RESERVE = gettext_noop(
    "The developer owes the property company a reserve subsidy of at least %(months)s months "
    "(the full wages of the project's staff) for %(count)s unsold parts."
)
_NO_RESERVE = gettext_noop("This jurisdiction's policy sets no reserve subsidy for unsold parts.")


def check_price(price_yuan: Decimal) -> Decimal:
    """A monthly price must be a positive amount of at most four decimals (yuan)."""
    if not isinstance(price_yuan, Decimal) or not price_yuan.is_finite():
        raise FeeRuleError("price", gettext_noop("Enter the price as a number of yuan."))
    if price_yuan <= 0:
        raise FeeRuleError("price", gettext_noop("The price must be greater than zero."))
    if price_yuan != price_yuan.quantize(Decimal("0.0001")):
        raise FeeRuleError("price", gettext_noop("The price may have at most four decimals."))
    return price_yuan


def check_months(months: int) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise FeeRuleError(
            "months", gettext_noop("A billing period is 1 to %(max)s months."), max=MAX_MONTHS
        )
    return months


def check_published(requested: Iterable[str], published: Sequence[FeeItem]) -> tuple[str, ...]:
    """The requested item names, if every one is on the published list (seed 000 §14)."""
    names = {item.name for item in published}
    out = tuple(dict.fromkeys(requested))
    for name in out:
        if name not in names:
            raise FeeRuleError("items", _NOT_PUBLISHED, item=name)
    return out


@dataclass(frozen=True)
class BillLine:
    """One line of a bill, with the reason for its amount."""

    item: str
    basis: str
    quantity: Decimal
    price_yuan: Decimal
    share: Fraction
    months: int
    monthly_fen: int
    amount_fen: int
    explanation: Explanation


@dataclass(frozen=True)
class BillPlan:
    """What one part owes for a period and who owes it; ``lines`` empty when nothing."""

    payer: str | None
    lines: tuple[BillLine, ...]
    total_fen: int
    explanation: Explanation


def monthly_fen(quantity: Decimal, price_yuan: Decimal, share: Fraction = Fraction(1)) -> int:
    """quantity × price × share in fen, rounded half up once (the documented rule)."""
    if share == 1 and isinstance(quantity, Decimal) and isinstance(price_yuan, Decimal):
        # exact: both have few digits, far inside the 28-digit decimal context
        fen = (quantity * price_yuan * FEN_PER_YUAN).quantize(Decimal(1), ROUND_HALF_UP)
        return int(fen)
    exact = to_fraction(quantity, "quantity") * to_fraction(price_yuan, "price") * share
    return round_fraction(exact * FEN_PER_YUAN, ROUND_HALF_UP)


def _price_text(price: Decimal) -> str:
    """A price with two decimals, or up to four where it needs them (¥1.80, ¥0.0525)."""
    cents = price.quantize(Decimal("0.01"))
    return format_decimal(cents if cents == price else price.normalize())


def bill_line(item: FeeItem, part: PartFacts, months: int, share: Fraction) -> BillLine:
    """One published item for one part over ``months`` months."""
    check_months(months)
    check_price(item.price_yuan)
    quantity = part.area if item.basis == BASIS_AREA else Decimal(1)
    monthly = monthly_fen(quantity, item.price_yuan, share)
    amount = monthly * months
    params: dict[str, str] = {
        "item": item.name,
        "price": f"¥{_price_text(item.price_yuan)}",
        "monthly": format_fen(monthly),
        "months": str(months),
        "amount": format_fen(amount),
    }
    if share != 1:
        params["share"] = format_percent(share)
    if item.basis == BASIS_AREA:
        message = _LINE_AREA if share == 1 else _LINE_AREA_SHARE
        explanation = Explanation.of(message, area=format_decimal(part.area), **params)
    else:
        explanation = Explanation.of(_LINE_PART if share == 1 else _LINE_PART_SHARE, **params)
    return BillLine(
        item.name,
        item.basis,
        quantity,
        item.price_yuan,
        share,
        months,
        monthly,
        amount,
        explanation,
    )


def payer_of(rules: FeeRules, part: PartFacts) -> tuple[str | None, Explanation]:
    """Who pays for the part: its owner, or the developer while it is unsold or
    undelivered (物业管理条例 art. 41; seed 000 §15; seed 004 §7)."""
    if rules.developer_pays_undelivered and part.delivery in (UNSOLD, SOLD_UNDELIVERED):
        return PAYER_DEVELOPER, Explanation.of(_PAYER_DEVELOPER, rules.developer_citation)
    if part.delivery == UNSOLD or not part.has_owner:
        return None, Explanation.of(_NO_PAYER)
    return PAYER_OWNER, Explanation.of(_PAYER_OWNER)


def plan_bill(
    rules: FeeRules,
    published: Sequence[FeeItem],
    part: PartFacts,
    months: int,
    *,
    items: Sequence[str] | None = None,
    unrenovated_reduction: bool = True,
) -> BillPlan:
    """The bill of one part for ``months`` months from the published list.

    ``items`` restricts the bill to some published items (all of the part's kind when
    ``None``); a name outside the published list is refused (seed 000 §14). The
    unrenovated share applies only to parts their owner pays for, where the fee standard
    adopted it (seed 000 §15: 可约定); the developer pays in full (seed 004 §7).
    """
    check_months(months)
    chosen = None if items is None else set(check_published(items, published))
    payer, why = payer_of(rules, part)
    if payer is None:
        return BillPlan(None, (), 0, why)
    share = Fraction(1)
    citation = why.citation
    if (
        payer == PAYER_OWNER
        and part.unrenovated
        and unrenovated_reduction
        and rules.unrenovated_share is not None
    ):
        share = rules.unrenovated_share
        citation = rules.unrenovated_citation
    lines = tuple(
        bill_line(item, part, months, share)
        for item in published
        if item.part_kind == part.kind and (chosen is None or item.name in chosen)
    )
    if not lines:
        return BillPlan(payer, (), 0, Explanation.of(_NO_ITEMS))
    total = sum(line.amount_fen for line in lines)
    return BillPlan(payer, lines, total, Explanation.of(why.message, citation))


def reserve_subsidy(rules: FeeRules, unsold_parts: int) -> Explanation:
    """The developer's reserve subsidy for unsold parts (seed 004 §7), as a requirement."""
    if rules.reserve_subsidy_months is None:
        return Explanation.of(_NO_RESERVE, rules.reserve_citation)
    return Explanation.of(
        _RESERVE, rules.reserve_citation, months=rules.reserve_subsidy_months, count=unsold_parts
    )


def months_between(start_year: int, start_month: int, end_year: int, end_month: int) -> int:
    """Whole months from the start month to the end month, both included."""
    return (end_year - start_year) * 12 + end_month - start_month + 1
