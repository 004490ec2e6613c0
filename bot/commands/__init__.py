"""The `duban` command's subcommands, grouped by subject."""
