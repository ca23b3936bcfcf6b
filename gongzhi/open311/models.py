"""Open311 GeoReport v2: models."""
