"""The words, rules and small pure helpers every other layer shares."""
