"""One module per CLI command; ``graphkit.cli`` registers them. Commands parse arguments only."""
