"""The preview's live reload (`build.py serve --watch` only; the published site ships none of it): a
watcher of the sources, a channel the open pages follow, and the preview server that speaks it."""
