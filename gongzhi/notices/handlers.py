"""Event handlers of the notices capability (ADR 0005); see the functions below."""
