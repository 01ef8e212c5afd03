from __future__ import annotations

from sbbot.cli import main

raise SystemExit(main())
