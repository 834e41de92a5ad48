"""The command line of DESIGN.md: one module per command group; nothing here imports Qt."""
