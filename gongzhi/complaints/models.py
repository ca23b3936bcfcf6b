"""Complaints and work orders: models."""
