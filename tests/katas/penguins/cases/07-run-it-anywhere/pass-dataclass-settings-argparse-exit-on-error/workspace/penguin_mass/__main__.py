from penguin_mass.cli import main

raise SystemExit(main())
