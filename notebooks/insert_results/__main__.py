"""What run-notebook.sh asks of the package:

    python3 -m insert_results expected-files RESULTS   files the notebook must write for RESULTS
    python3 -m insert_results output-files             every file it may write (removed before a run)
    python3 -m insert_results appendix-pdf OUT         pdflatex OUT/appendix.tex -> OUT/appendix.pdf
"""
import sys

from . import appendix, expected_files, every_output_file


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "expected-files" and len(args) == 1:
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
