"""Property fees: models."""
