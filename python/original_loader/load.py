"""Runs one arm on a dataset and prints each load's result as one JSON line, for manual use:

    /usr/bin/python3 -m original_loader.load (--generate SEED ROWS | --dataset FILE) --table NAME --arm ID
        [--schema FILE] [--memory] [--repeat N]

The arm ids are those of the schema's claims (results/schema.json).

The table is not emptied between repeats: use --repeat only where duplicates are allowed.
"""

import argparse
import sys

from .worker import EXIT_BAD_INPUT, EXIT_MISSING_MODULES, add_rows_arguments, add_schema_argument, \
    check_rows_arguments, configure_logging, emit, make_rows, missing_modules_error


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

    missing = missing_modules_error()
    if missing:
        print(missing, file=sys.stderr)
        return EXIT_MISSING_MODULES

    from .arms import SchemaError, UnknownArm, load_arms
    from .loader import LoadSession

    try:
        arms = load_arms(args.schema)
        arms.resolve(args.arm)  # an unknown arm fails before the dataset is read
    except (SchemaError, UnknownArm) as e:
        print(e, file=sys.stderr)
        return EXIT_BAD_INPUT
    session = LoadSession(make_rows(args)[0], args.table, arms)
    try:
        for _ in range(args.repeat):
            emit(sys.stdout, session.run(args.arm, args.memory))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
