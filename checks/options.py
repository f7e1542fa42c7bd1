"""What a run is asked to do, as the command line and the configuration
say it; and the one error for a request that cannot be met."""


class UsageError(Exception):
    """A usage or configuration error: reported in one line, exit status 2."""
