"""Demo rows of the lifecycle domain (see gongzhi.demo.extensions), all through the
lifecycle services, in the demo street: projects in each lifecycle state.

* selections: where projects without a company exist, a preliminary tender open with
  three bidders and its committee and one with a single bidder whose negotiated selection
  awaits the bureau; in the committee's project, the owners' selection open for bids;
* handover inspections (on the street's newest projects): one checking preconditions,
  one with a defect under rectification, one overdue (delivery in five days, not signed),
  one signed, published and filed;
* exits: a timely non-renewal notice, a late one (the credit record follows), one handing
  over with half the items confirmed, one closed (contract ended, the incoming company
  serves), and a forced exit awaiting the owners' vote in the committee's project.
  Notices are dated 100 (30 for the late one) days before the contract's end, or today.
  The states take the filed regular contracts in this order (closed, handing over, timely,
  late), so a small city (a few projects) shows the first ones only.

Companies without a demo login act through the platform administrator.
"""

from __future__ import annotations

import datetime as dt

from gongzhi.accounts.selectors import actor_for
from gongzhi.contracts.models import ServiceContract
from gongzhi.core import clock
from gongzhi.core.scoping import Actor
from gongzhi.credit.selectors import tender_eligibility
from gongzhi.demo.extensions import DemoContext
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.lifecycle import services
from gongzhi.lifecycle.models import Bidder, Exit, ExitItem, Handover, HandoverFinding, Selection
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import lifecycle as rules

Day = dt.timedelta


def _serving(company: PropertyCompany) -> bool:
    return (
        company.filing_status == PropertyCompany.FilingStatus.FILED
        and company.blacklisted_since is None
    )


def populate(ctx: DemoContext) -> dict[str, int]:
    with clock.frozen(ctx.today):
        _selections(ctx)
        _handovers(ctx)
        _exits(ctx)
    return {
        "lifecycle.Selection": Selection.objects.count(),
        "lifecycle.Bidder": Bidder.objects.count(),
        "lifecycle.Handover": Handover.objects.count(),
        "lifecycle.HandoverFinding": HandoverFinding.objects.count(),
        "lifecycle.Exit": Exit.objects.count(),
        "lifecycle.ExitItem": ExitItem.objects.count(),
    }


def _companies() -> list[PropertyCompany]:
    return [
        c
        for c in PropertyCompany.objects.select_related("filed_with").order_by("pk")
        if _serving(c)
    ]


def _selections(ctx: DemoContext) -> None:
    street, bureau = actor_for(ctx.user("street")), actor_for(ctx.user("bureau"))
    free = list(Project.objects.visible_to(street).filter(company__isnull=True).order_by("pk")[:2])
    today = ctx.today
    # only companies the profile admits to the tender library bid (seed 004 §8: A or
    # better in shaanxi-xixian), as the service itself checks
    companies = [c for c in _companies() if tender_eligibility(c, on=today).ok]
    if not companies:
        return
    for index, project in enumerate(free):
        selection = services.selection_create(
            actor=street,
            project_id=project.pk,
            kind="preliminary",
            title=f"{project.name}前期物业服务招标",
            announced_on=today - Day(10),
            bid_deadline=today + Day(10),
            presale_permit_on=today + Day(60),
        )
        bidders = companies[:3] if index == 0 else companies[:1]
        for company in bidders:
            services.bidder_add(actor=street, selection_id=selection.pk, company_id=company.pk)
        profile = effective_profile(project.community)
        services.committee_set(
            actor=street,
            selection_id=selection.pk,
            members=[
                {"party": party, "name": f"{rules.PARTIES[party][:2]}代表"}
                for party in rules.required_parties(profile, "tender_committee_parties")
            ],
        )
        if index == 1:
            services.selection_request_negotiation(
                actor=street, selection_id=selection.pk, reason="公告期满仅一家企业报名"
            )
    del bureau  # the bureau decides the negotiation on the page
    owners_bodies = (Project.Formation.COMMITTEE, Project.Formation.MANAGEMENT_COMMITTEE)
    project = (
        Project.objects.visible_to(street)
        .filter(formation__in=owners_bodies)
        .exclude(pk__in=Selection.objects.values("project_id"))
        .order_by("pk")
        .first()
    )
    if project is not None:  # the owners' selection, organised by the street with the committee
        selection = services.selection_create(
            actor=street,
            project_id=project.pk,
            kind="owners",
            title=f"{project.name}业主大会选聘物业服务企业",
            announced_on=today - Day(7),
            bid_deadline=today + Day(14),
        )
        for company in companies[:3]:
            services.bidder_add(actor=street, selection_id=selection.pk, company_id=company.pk)


def _handovers(ctx: DemoContext) -> None:
    street, admin = actor_for(ctx.user("street")), actor_for(ctx.user("admin"))
    projects = [
        p
        for p in Project.objects.visible_to(street)
        .filter(company__isnull=False)
        .select_related("company", "community", "developer")
        .order_by("-pk")[:12]
        if _serving(p.company)
    ][:4]
    today = ctx.today
    plans = (("preparing", 40), ("rectifying", 25), ("overdue", 5), ("filed", 20))
    for project, (state, days) in zip(projects, plans, strict=False):
        handover = services.handover_create(
            actor=street,
            project_id=project.pk,
            company_id=project.company_id,
            delivery_on=today + Day(days),
            developer_name=project.developer.name if project.developer else "开发建设单位",
        )
        items = rules.handover_preconditions(effective_profile(project.community))
        met = {item.code: state != "preparing" or n % 3 != 0 for n, item in enumerate(items)}
        services.preconditions_set(actor=street, handover_id=handover.pk, met=met)
        if state in ("preparing", "overdue"):
            continue
        services.handover_start(actor=street, handover_id=handover.pk)
        services.finding_add(
            actor=admin, handover_id=handover.pk, location="小区大门及围墙", result="passed"
        )
        defect = services.finding_add(
            actor=admin,
            handover_id=handover.pk,
            location="2号楼地下车库",
            result="defect",
            description="顶板渗水，排水沟堵塞",
        )
        if state == "rectifying":
            services.handover_rectify(actor=street, handover_id=handover.pk)
            continue
        services.finding_rectified(actor=admin, finding_id=defect.pk)
        services.finding_reinspect(actor=street, finding_id=defect.pk, passed=True)
        services.handover_sign(
            actor=admin,
            handover_id=handover.pk,
            developer_signatory="王建设",
            company_signatory="李物业",
        )
        services.handover_publish(actor=street, handover_id=handover.pk)
        services.handover_file(actor=actor_for(ctx.user("bureau")), handover_id=handover.pk)


def _exits(ctx: DemoContext) -> None:
    street, admin = actor_for(ctx.user("street")), actor_for(ctx.user("admin"))
    committee = actor_for(ctx.user("committee"))
    committee_project = next(g.project_id for g in committee.grants_of("project"))
    today = ctx.today
    # the street's own contracts first, then the rest of the city (acted on by the
    # platform administrator), so a small city still shows every state
    street_paths = street.node_paths
    contracts = sorted(
        (
            c
            for c in ServiceContract.objects.filter(
                status=ServiceContract.Status.FILED, kind=ServiceContract.Kind.REGULAR
            )
            .exclude(project_id=committee_project)
            .select_related("project", "project__community", "company")
            .order_by("pk")
            if _serving(c.company)
        ),
        key=lambda c: (not any(c.node_path.startswith(p) for p in street_paths), c.pk),
    )

    def supervisor(contract: ServiceContract) -> Actor:
        inside = any(contract.node_path.startswith(p) for p in street_paths)
        return street if inside else admin

    companies = _companies()

    def recipients(contract: ServiceContract) -> list[str]:
        profile = effective_profile(contract.project.community)
        return list(rules.required_parties(profile, "exit_notice_recipients"))

    def incoming_for(contract: ServiceContract) -> int | None:
        return next((c.pk for c in companies if c.pk != contract.company_id), None)

    # 0: closed; 1: handing over, half the items confirmed; 2: a timely notice; 3: a late
    # one (30 days before the end: the credit record follows)
    for index, contract in enumerate(contracts[:4]):
        ahead = Day(30) if index == 3 else Day(100)
        exit_ = services.exit_notify(
            actor=admin,
            contract_id=contract.pk,
            kind="non_renewal",
            notice_on=min(today, contract.term_end - ahead),
            end_on=None,
            recipients=recipients(contract),
            reason="合同期满不再续约",
        )
        if index >= 2:
            continue
        services.exit_start_handover(
            actor=supervisor(contract), exit_id=exit_.pk, incoming_company_id=incoming_for(contract)
        )
        items = list(ExitItem.objects.filter(exit=exit_).order_by("pk"))
        for number, item in enumerate(items):
            money = item.code in ("common_revenue", "prepaid_fees")
            services.exit_item_describe(
                actor=admin,
                item_id=item.pk,
                detail=f"{item.label_zh}：已清点，清单附后",
                amount_fen=(number + 1) * 1_234_500 if money else None,
            )
            if index == 0 or number % 2 == 0:
                services.exit_item_confirm(actor=admin, item_id=item.pk)
        if index == 0:
            services.exit_complete_handover(actor=supervisor(contract), exit_id=exit_.pk)
            services.exit_close(
                actor=supervisor(contract),
                exit_id=exit_.pk,
                committee_opinion="业主委员会同意退还履约保证金",
            )
    forced = (
        ServiceContract.objects.filter(
            project_id=committee_project, status=ServiceContract.Status.FILED
        )
        .select_related("company")
        .first()
    )
    if forced is not None and _serving(forced.company):
        services.exit_forced_open(
            actor=committee,
            contract_id=forced.pk,
            reason="连续两个季度考核不合格，业主投诉集中",
        )
