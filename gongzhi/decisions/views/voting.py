"""Owner pages (my votes, the vote form, receipt check), the masked roll, the result page
with totals per building, and the exports that let anyone with access recompute the tally
(xlsx, CSV and the ``gongzhi tally`` JSON scenario)."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.views import page_of, run_action
from gongzhi.decisions import selectors, services
from gongzhi.decisions.forms import ElectionVoteForm, ReceiptForm, VoteForm
from gongzhi.decisions.models import Matter

ROLL_PAGE = 100


def my_votes_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    matters = list(selectors.my_matters(actor=actor).order_by("-voting_ends_on", "-pk")[:50])
    rows = []
    for matter in matters:
        ballots = selectors.ballots_of(actor=actor, matter=matter)
        rows.append({"matter": matter, "ballot": ballots[0] if ballots else None})
    return render(request, "decisions/my_votes.html", {"rows": rows})


def _vote_page(
    request: HttpRequest, actor: Any, pk: int, refused: DomainError | None = None
) -> HttpResponse:
    """The vote page; after a refused cast, with the posted form and the refusal on it (the
    form's own errors first, as when the form is checked before the service)."""
    matter = selectors.matter_get(actor=actor, pk=pk)
    form_class: Any = ElectionVoteForm if matter.is_election else VoteForm
    kwargs = {"matter": matter} if matter.is_election else {}
    form = form_class(request.POST if refused else None, **kwargs)
    status = 200
    if refused is not None:
        status = 400
        if form.is_valid():
            form.add_error_of(refused)
            status = refused.status
    context = {
        "form": form,
        "matter": matter,
        "ballots": selectors.ballots_of(actor=actor, matter=matter),
        "keys": selectors.voter_keys(actor=actor, matter=matter),
        "open": matter.status == Matter.Status.VOTING,
        "candidates": selectors.candidates_of(matter),
    }
    return render(request, "decisions/vote.html", context, status=status)


def vote_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the vote form; POST casts the vote.

    A cast reads the matter once: :func:`~gongzhi.decisions.services.ballot_cast` finds it in
    the actor's scope, locks it and checks the posted choice against it (the form would
    check the same before it), so the page and its form are built only to show a refusal;
    a matter outside the actor's scope stays a 404."""
    actor = request_actor(request)
    if request.method != "POST":
        return _vote_page(request, actor, pk)
    choice = services.PostedChoice(tuple(request.POST.getlist("choice")))
    return run_action(
        request,
        call=lambda: services.ballot_cast(
            actor=actor, matter=pk, choice=choice, voter_key=request.POST.get("voter_key") or None
        ),
        on_error=lambda error: _vote_page(request, actor, pk, refused=error),
        success_url=reverse("decisions:vote", args=[pk]),
        message=lambda cast: (
            _("Your vote is recorded. Receipt code: %(code)s")
            % {"code": ", ".join(b.receipt for b in cast)}
        ),
    )


def roll_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The frozen roll, personal data masked (owners of the project and organisers)."""
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=pk)
    entries = selectors.roll(actor=actor, matter=matter)
    page = page_of(request, entries, per_page=ROLL_PAGE)
    rows = [
        {"entry": e, "name": selectors.mask_name(e.owner_name), "developer": e.developer_unsold}
        for e in page.object_list
    ]
    return render(
        request,
        "decisions/roll.html",
        {"matter": matter, "page": page, "rows": rows, "tally": selectors.db_tally(matter)},
    )


def receipt_view(request: HttpRequest) -> HttpResponse:
    """Check that a ballot version is recorded as cast, and whether it is the one counted."""
    actor = request_actor(request)
    form = ReceiptForm(request.GET or None)
    revision = None
    searched = False
    if form.is_valid():
        searched = True
        revision = selectors.receipt_lookup(actor=actor, code=form.cleaned_data["code"])
    return render(
        request,
        "decisions/receipt.html",
        {
            "form": form,
            "searched": searched,
            "revision": revision,
            "current": revision is not None and revision.receipt == revision.ballot.receipt,
            "candidates": {c.pk: c.name for c in revision.ballot.matter.candidates.all()}
            if revision
            else {},
        },
    )


def _closed(actor: Any, pk: int) -> Matter:
    matter = selectors.matter_get(actor=actor, pk=pk)
    if matter.status not in (Matter.Status.CLOSED, Matter.Status.RESULT_PUBLISHED):
        raise Http404
    return matter


def result_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    matter = _closed(actor, pk)
    result = selectors.result_of(matter)
    if result is None:
        raise Http404
    candidates = {c.pk: c.name for c in matter.candidates.all()}
    return render(
        request,
        "decisions/result.html",
        {
            "matter": matter,
            "result": result,
            "elected": [candidates.get(c, c) for c in result.election.get("elected", [])],
            "runoff": [candidates.get(c, c) for c in result.election.get("runoff", [])],
        },
    )


def _headers() -> list[str]:
    return [
        gettext("Exclusive part"),
        gettext("Area (m²)"),
        gettext("Building"),
        gettext("Unit"),
        gettext("Voter"),
        gettext("Developer's unsold part"),
        gettext("Choice"),
        gettext("Candidates"),
        gettext("Receipt code"),
    ]


def export_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    matter = _closed(actor, pk)
    name = gettext("Ballots")
    return xlsx_response(f"{name}-{matter.pk}.xlsx", _headers(), selectors.export_rows(matter))


def export_csv_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    matter = _closed(actor, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballots-{matter.pk}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            "part",
            "area",
            "building",
            "unit",
            "voter",
            "developer_unsold",
            "choice",
            "candidates",
            "receipt",
        ]
    )
    for row in selectors.export_rows(matter):
        writer.writerow([f"{v:.2f}" if i == 1 else v for i, v in enumerate(row)])
    return response


def export_tally_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter as a ``gongzhi tally FILE.json`` scenario, for auditors to rerun."""
    actor = request_actor(request)
    matter = _closed(actor, pk)
    if matter.is_election:
        raise Http404
    body = json.dumps(selectors.tally_scenario(matter), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tally-{matter.pk}.json"'
    return response
