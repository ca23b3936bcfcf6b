"""Mediation: models."""
