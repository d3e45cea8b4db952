"""notebook katas: the `kata` command and the checks harness."""

import sys

__version__ = "0.1.0"

# jsonschema (pulled in by nbformat) imports the optional rfc3987_syntax package when it is
# installed, and that package builds a grammar at import time: two seconds on every check run.
# No notebook schema uses the IRI formats it validates, so keep it from loading.
sys.modules.setdefault("rfc3987_syntax", None)
