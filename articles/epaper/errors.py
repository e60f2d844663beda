"""The e-paper's errors, apart so the PDF reader and the importer can both raise them."""


class EpaperError(Exception):
    """A file the e-paper cannot take, with a message for the editor, in Chinese."""


class PageExists(EpaperError):
    """The page already has a PDF: replacing it needs replace=True (the admin asks first)."""
