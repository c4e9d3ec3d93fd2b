"""The one place the version lives."""

__version__ = "0.1.0"
TERRAFORM_COMPAT_VERSION = "1.11.4"
