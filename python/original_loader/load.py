"""Runs one arm on a dataset and prints each load's result as one JSON line, for manual use:

    /usr/bin/python3 -m original_loader.load --dataset FILE --table NAME --arm after [--memory] [--repeat N]

The table is not emptied between repeats: use --repeat only where duplicates are allowed.
"""

import argparse
import sys

from .worker import configure_logging, emit, missing_modules_error


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m original_loader.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--table", required=True)
    parser.add_argument("--arm", required=True)
    parser.add_argument("--memory", action="store_true", help="also trace allocations (slows the load)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    args = parser.parse_args(argv)
    configure_logging(args.log_level)

    missing = missing_modules_error()
    if missing:
        print(missing, file=sys.stderr)
        return 3

    from .dataset import read_articles
    from .loader import LoadSession, UnknownArm, resolve_arm

    try:
        resolve_arm(args.arm)  # an unknown arm fails before the dataset is read
    except UnknownArm as e:
        print(e, file=sys.stderr)
        return 2
    session = LoadSession(read_articles(args.dataset), args.table)
    try:
        for _ in range(args.repeat):
            emit(sys.stdout, session.run(args.arm, args.memory))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
