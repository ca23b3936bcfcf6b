"""Funds: models."""
