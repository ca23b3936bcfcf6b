"""Holiday schedules entered by the housing bureau: models."""
