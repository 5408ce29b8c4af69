from .core import greet
from . import sub
__all__ = ["greet", "VERSION"]
VERSION = "1.0"
