"""Settings for a run: the model in `model`, the sources and their precedence in `sources`."""

from penguin_mass.settings.model import ConfigError, Settings
from penguin_mass.settings.sources import load_settings, split_set_flag

__all__ = ["ConfigError", "Settings", "load_settings", "split_set_flag"]
