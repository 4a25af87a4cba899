"""Serving a built site: the static server and the preview's live reload."""
