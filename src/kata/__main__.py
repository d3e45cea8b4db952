from kata.launch import main

raise SystemExit(main())
