"""Reading and validating every file in data/ (and a user's upload); nothing is computed here."""
