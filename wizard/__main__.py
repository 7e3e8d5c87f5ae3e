"""`python -m wizard` runs the `rouei` command line."""

from wizard.cli import main

raise SystemExit(main())
