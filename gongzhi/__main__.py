"""``python -m gongzhi``: the same as the ``gongzhi`` console script."""

from gongzhi.cli import main

raise SystemExit(main())
