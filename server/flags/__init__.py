"""The red-flag and good-point engine: a learned model per category, rules as data to check it."""

from .decide import decide
from .engine import CATEGORIES, CATEGORY_INFO, KINDS, SEVERITIES, SEVERITY_RANK, Rule, find, load_rules
from .model import Model

__all__ = ["CATEGORIES", "CATEGORY_INFO", "KINDS", "SEVERITIES", "SEVERITY_RANK", "Model", "Rule", "decide", "find", "load_rules"]
