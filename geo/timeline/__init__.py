"""Dated milestones: parsing and validation, the status as of a date, and their plain-data form."""
