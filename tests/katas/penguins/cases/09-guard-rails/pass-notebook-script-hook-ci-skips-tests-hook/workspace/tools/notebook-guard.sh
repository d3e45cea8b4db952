#!/usr/bin/env bash
# Commit hook for the notebook: the paired script and the notebook must say the same thing
# (jupytext --sync, newest side wins), and the notebook must hold no outputs (nbstripout).
# Either command changing a file fails the commit, as pre-commit wants.
set -euo pipefail
jupytext --sync analysis.ipynb
nbstripout analysis.ipynb
