"""The reporting subcommands (`report`, `browse`) and exchange export formats, registered on the
`procwatch` parser by flows/cli.py."""
from __future__ import annotations

import argparse
import sys

from .exchange import FORMATS as EXCHANGE_FORMATS


def add_commands(sub, common) -> None:
    report = sub.add_parser("report", help="write the static HTML report page",
                            description="Write DIR/report.html from the published warehouse: top vendors per agency and "
                                        "country, spending by year, newest relationships with their sentences, money figures "
                                        "with attribution and source health; charts as inline SVG; every figure links to its source.")
    common(report)
    report.add_argument("--out", default="extracts", help="folder to write report.html into (default: extracts)")
    report.set_defaults(handler=cmd_report)

    browse = sub.add_parser("browse", help="serve a read-only web app over the published warehouse",
                            description="Search organisations across spellings, open an organisation's awards, relationships, "
                                        "evidence and sources, filter awards, and download any view as CSV. Read-only; "
                                        "serves on 127.0.0.1 unless --host says otherwise.")
    common(browse)
    browse.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    browse.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    browse.set_defaults(handler=cmd_browse)


def cmd_report(args: argparse.Namespace) -> int:
    from .page import write_report

    print(f"report: {write_report(args.warehouse, args.out)}")
    return 0


def cmd_browse(args: argparse.Namespace) -> int:
    from .browse import serve

    print(f"procwatch browse: http://{args.host}:{args.port}/  (Ctrl-C stops)", file=sys.stderr)
    serve(args.warehouse, host=args.host, port=args.port)
    return 0


def cmd_exchange_export(args: argparse.Namespace) -> int:
    """`procwatch export --format ftm|ocds|xlsx --out DIR`: written, then validated."""
    if args.format == "ftm":
        from .exchange.ftm import validate_ftm, write_ftm

        path, count = write_ftm(args.warehouse, args.out)
        check = validate_ftm(path)
        print(f"ftm: {count} entities -> {path}  ({', '.join(f'{k} {v}' for k, v in sorted(check['schemata'].items()))})")
    elif args.format == "ocds":
        from .exchange.ocds import validate_ocds, write_ocds

        path, count = write_ocds(args.warehouse, args.out)
        check = validate_ocds(path)
        print(f"ocds: {count} releases -> {path}  (validation: {check['method']})")
    else:
        from .exchange.xlsx import write_xlsx

        path, count = write_xlsx(args.warehouse, args.out, args.names or None)
        print(f"xlsx: {count} rows -> {path}")
        return 0
    if check["errors"]:
        for error in check["errors"][:20]:
            print(f"  invalid: {error}", file=sys.stderr)
        raise ValueError(f"{len(check['errors'])} validation errors in the {args.format} export")
    return 0


def after_run(args: argparse.Namespace) -> None:
    """End of `procwatch run`: the report beside the extracts, what changed, what to try next."""
    from .night import changes, next_steps
    from .page import write_report

    out = getattr(args, "out", None)
    try:
        if out:  # the night writes its report itself; written here only when it could not
            print(f"report:    {getattr(args, 'report_written', None) or write_report(args.warehouse, out)}")
        lines = changes(args.warehouse) + next_steps(args.warehouse, out)
    except Exception as exc:  # the night's data is published already: a failed summary must not fail the run
        print(f"procwatch run: report and summary not written ({str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__})",
              file=sys.stderr)
        return
    for line in lines:
        print(line)
