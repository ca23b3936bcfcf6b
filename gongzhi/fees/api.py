"""/api/v1/fees."""

from ninja import Router

router = Router(tags=["fees"])
