"""Fee pages: company staff (standards, billing, bills, payments, statements, arrears,
reminders, publications), owners (my bills, receipts) and supervisors (published lists,
payment-status publications, arrears overview)."""
