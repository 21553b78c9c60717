"""`python -m douyin_team` runs the command line."""

from douyin_team.cli import main

raise SystemExit(main())
