"""Authenticated fuzzing of /api/v1 (schemathesis): for each role, every operation of the
OpenAPI document is called with generated parameters and bodies, and each response must
not be a server error and must conform to the document (status code declared, body
matching its schema, content type). A role's token reaches only its own jurisdiction, so
the fuzzing also crosses the scoping rules with arbitrary ids."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import api_token_create

EXAMPLES = 3
ROLES = ("bureau", "street_a", "company_1", "committee_a", "owner_1")

# What is checked on every response: no server error, a status code the document declares,
# the declared content type and headers, and a body that matches the declared schema (the
# fuzzing's aim: "not only no 500 but response-schema conformance"). One check is off, deliberately:
# schemathesis' "positive data acceptance" (a schema-valid request must get a 2xx). Many
# refusals are the services' own rules (a credit code's checksum, an id outside the actor's
# jurisdiction, a state that forbids the action) that no JSON schema can state, and ninja's
# multipart upload routes still refuse some generated form encodings the document allows;
# both are listed as open in docs/architecture.md ("API fuzzing").
CONFIG = SchemathesisConfig.from_dict({"checks": {"positive_data_acceptance": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI application, so, as Django's test client does,
    the end of a request must not close the connection that holds the test's transaction
    (PostgreSQL would lose it; SQLite's in-memory database ignores the close)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _leaves(error: BaseException) -> Iterator[BaseException]:
    """The single failures inside schemathesis' FailureGroup (a BaseExceptionGroup, which
    ``except Exception`` does not catch) and hypothesis' groups of distinct bugs."""
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            yield from _leaves(inner)
    else:
        yield error


def _line(error: BaseException) -> str:
    if isinstance(error, Failure):
        return f"{error.code} {error.title}: {error.message}"[:400]
    return f"{type(error).__name__}: {error}"[:400]


@pytest.mark.parametrize("username", ROLES)
def test_every_operation_conforms_for_every_role(city, username):
    _, token = api_token_create(actor=actor_for(User.objects.get(username=username)), name="fuzz")
    headers = {"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"}
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # the same inputs on every run: CI is reproducible
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            case.call_and_validate(headers=headers)

        try:
            call()
        except (Exception, BaseExceptionGroup) as error:
            label = f"{operation.method.upper()} {operation.path}"
            failures.extend(f"{label}: {_line(leaf)}" for leaf in _leaves(error))
    assert not failures, f"{len(failures)} failures for {username}:\n" + "\n".join(failures)
