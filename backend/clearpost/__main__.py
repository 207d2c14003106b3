from clearpost.cli import main

raise SystemExit(main())
