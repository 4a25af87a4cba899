"""Build steps for the course site; build.py drives them."""

import sys
from pathlib import Path

TEMPLATES = Path(__file__).with_name("assets") / "templates"  # the course's own pages: HTML, CSS, script

# jsonschema imports rfc3987_syntax, when installed, for its "iri" format checker, and that module
# compiles some 40 Earley grammars on import: 0.8 s in every process that imports nbformat
# (python-jsonschema/jsonschema#1428). No notebook or JupyterLite schema uses "iri", so the build
# and its `jupyter lite` (coursebuild.site.jupyter_lite) run without it.
sys.modules.setdefault("rfc3987_syntax", None)
