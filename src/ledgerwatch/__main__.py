from ledgerwatch.cli import main

raise SystemExit(main())
