"""Assessments: models."""
