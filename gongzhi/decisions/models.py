"""Owners' decisions: models."""
