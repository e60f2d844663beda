"""Chinese full-text search: tokens, the stored documents' text, queries and snippets."""
