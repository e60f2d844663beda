"""Public reader pages, one module per concept."""
