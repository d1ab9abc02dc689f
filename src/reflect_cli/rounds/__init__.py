"""Rounds: every present partner's own rating of a question, and what they come to."""
