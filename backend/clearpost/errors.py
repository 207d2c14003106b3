"""Every error Clearpost raises on purpose.

    ClearpostError
    ├── InputError       bad text, options or JSONL line from the user (exit 2, HTTP 400)
    ├── PolicyPackError  a pack file that is missing, unreadable or breaks the schema
    │   └── PackSignatureError  a pack that is unsigned, changed, signed by an untrusted key,
    │                           expired or older than one already accepted (a refusal)
    ├── ConfigError      the service's config.toml or token file is unusable
    └── ModelError       a model file that is missing or corrupt

Messages say what is wrong and what to do. They never quote the post text.
"""


class ClearpostError(Exception):
    """Base class: a problem Clearpost can explain to the user."""


class InputError(ClearpostError):
    """The user's input cannot be checked as given."""


class PolicyPackError(ClearpostError):
    """A policy pack file is missing, unreadable or invalid."""


class PackSignatureError(PolicyPackError):
    """A pack whose signature this machine does not accept: why, in one sentence, and what to do."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason


class ConfigError(ClearpostError):
    """The service's configuration (CLEARPOST_HOME) cannot be used as it is."""


class ModelError(ClearpostError):
    """A model file is missing or cannot be loaded."""
