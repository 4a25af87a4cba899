"""Build steps for the course site; build.py drives them."""
