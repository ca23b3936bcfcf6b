"""/api/v1/decisions."""

from ninja import Router

router = Router(tags=["decisions"])
