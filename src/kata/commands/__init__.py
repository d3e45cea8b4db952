"""One module per `kata` sub-command. Each has `add_parser` and `main(args, context) -> exit code`;
the work is done by functions that return results, and `render` turns a result into text."""
