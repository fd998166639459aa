"""zhenggai (整改): a rectification ledger kept as plain YAML files."""

__version__ = "0.3.0"
