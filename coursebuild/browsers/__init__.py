"""The browser engines, behind one small layer, and driving a notebook in any of them (never the build)."""
