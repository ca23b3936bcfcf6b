"""/api/v1/mediation."""

from ninja import Router

router = Router(tags=["mediation"])
