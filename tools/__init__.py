"""Developer and operations tooling, outside the app packages: the national data set
generator, the page benchmark and the smoke check of a running stack. Management commands
in ``iop/management/commands`` stay thin and call these. No app imports ``tools``."""
