"""Runs one arm on a dataset and prints each load's result as one JSON line, for manual use:

    /usr/bin/python3 -m original_loader.load (--generate SEED ROWS | --dataset FILE) --table NAME --arm ID
        [--schema FILE] [--memory] [--repeat N]

The arm ids are those of the schema's claims (results/schema.json).

The table is not emptied between repeats: use --repeat only where duplicates are allowed.
"""

import argparse
import sys

from .worker import add_rows_arguments, add_schema_argument, check_rows_arguments, configure_logging, emit, \
    open_session


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m original_loader.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_rows_arguments(parser)
    parser.add_argument("--table", required=True)
    parser.add_argument("--arm", required=True)
    add_schema_argument(parser)
    parser.add_argument("--memory", action="store_true", help="also trace allocations (slows the load)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    args = check_rows_arguments(parser, parser.parse_args(argv))
    configure_logging(args.log_level)

    session, failed = open_session(args, [args.arm])
    if session is None:
        return failed
    try:
        for _ in range(args.repeat):
            emit(sys.stdout, session.run(args.arm, args.memory))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
