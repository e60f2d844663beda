"""Print-page import and editorial QA checks.

Pure text logic (no Django): normalise (break repair, punctuation), parse
(page text to story dicts), names (union recognition) and checks (findings).
importer.py is the only module that touches the database.
"""
