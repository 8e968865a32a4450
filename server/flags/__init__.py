"""The red-flag and good-point engine: rules as data, matched sentence by sentence."""

from .engine import CATEGORIES, KINDS, SEVERITIES, Rule, find, load_rules

__all__ = ["CATEGORIES", "KINDS", "SEVERITIES", "Rule", "find", "load_rules"]
