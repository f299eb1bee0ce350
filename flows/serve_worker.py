"""Child process of `procwatch serve`: registers the nightly deployment with its cron and serves it."""
from __future__ import annotations

import argparse

from .cli import default_raw_dir
from .prefect_env import configure


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cron", required=True)
    parser.add_argument("--timezone", default="UTC")
    parser.add_argument("--live", action="store_true")
    args = parser.parse_args()
    configure()
    from prefect.schedules import Cron

    from .nightly import nightly

    nightly.serve(
        name="nightly",
        schedule=Cron(args.cron, timezone=args.timezone),
        parameters={"warehouse": args.warehouse, "raw_dir": default_raw_dir(args.warehouse), "out_dir": args.out,
                    "offline": not args.live},
        print_starting_message=False,
    )


if __name__ == "__main__":
    main()
