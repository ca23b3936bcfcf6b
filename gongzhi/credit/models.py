"""Credit: models."""
