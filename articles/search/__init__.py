"""Chinese full-text search of stories: the index (SearchDocument), tokens, queries, snippets and the search page."""
