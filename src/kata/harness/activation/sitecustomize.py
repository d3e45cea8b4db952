"""Switches on a library-patching mutant in every Python process a mutant run starts.

`kata` puts this folder first on PYTHONPATH and names the mutant in KATA_MUTANT
("<path of mutants.py>::<mutant name>"), so that a notebook kernel or a script that the learner's
tests start sees the same slip as the tests themselves. Nothing happens without KATA_MUTANT.
"""

import os

if os.environ.get("KATA_MUTANT"):
    from kata.harness.mutants import activate_from_environment

    activate_from_environment()
