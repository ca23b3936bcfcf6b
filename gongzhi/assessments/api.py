"""/api/v1/assessments."""

from ninja import Router

router = Router(tags=["assessments"])
