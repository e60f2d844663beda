"""The editorial checks run on every story (terms, names, findings) and the print-page text import."""
