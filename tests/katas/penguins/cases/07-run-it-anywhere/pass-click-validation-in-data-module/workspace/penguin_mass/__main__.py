"""Entry point: python -m penguin_mass."""

from penguin_mass.cli import main

raise SystemExit(main())
