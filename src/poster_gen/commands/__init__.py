"""One module per command-line verb: HELP, add_arguments(parser), run(args) -> exit code."""
