"""python -m penguin_mass: see penguin_mass.cli."""

import sys

from penguin_mass.cli import main

sys.exit(main())
