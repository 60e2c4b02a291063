"""kotacerdas: a Smart City Masterplan kept as YAML files in git, checked, compared and published."""

__version__ = "0.1.0"
