"""Thin views of the documents app, by topic: load via selectors (404 outside scope), check
permissions (403), call services, return PDFs with safe headers."""
