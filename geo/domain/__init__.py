"""The model computed once from the data, and what the map shows on a date."""
