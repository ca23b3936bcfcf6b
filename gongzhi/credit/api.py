"""/api/v1/credit."""

from ninja import Router

router = Router(tags=["credit"])
