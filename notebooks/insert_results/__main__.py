"""What run-notebook.sh asks of the package:

    python3 -m insert_results check RESULTS            exit 2 with the reason where RESULTS cannot be read
    python3 -m insert_results expected-files RESULTS   files the notebook must write for RESULTS
    python3 -m insert_results output-files             every file it may write (removed before a run)
    python3 -m insert_results appendix-pdf OUT         pdflatex OUT/appendix.tex -> OUT/appendix.pdf
"""
import sys

from . import appendix, expected_files, every_output_file
from .load import manifest_problem, resolve_results


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "check" and len(args) == 1:
        problems = [p for p in (manifest_problem(folder) for folder in resolve_results(args[0])) if p]
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 2
    elif command == "expected-files" and len(args) == 1:
        print("\n".join(expected_files(args[0])))
    elif command == "output-files" and not args:
        print("\n".join(every_output_file()))
    elif command == "appendix-pdf" and len(args) == 1:
        try:
            print(appendix.compile_pdf(args[0]))
        except appendix.LatexError as e:
            print(e, file=sys.stderr)
            return 1
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


sys.exit(main(sys.argv[1:]))
