"""Import nltk without scipy.stats, which its package start-up loads and PolicyLens never uses.

nltk's __init__ imports every subpackage, among them nltk.metrics.association, which imports
scipy.stats (0.8 s of the server's 2 s start-up) for Fisher's exact test on collocations, and falls
back when it is missing. Hiding scipy.stats while nltk loads, and only then, halves the start-up;
scipy.stats stays importable for anyone else afterwards.
"""

import sys


def load():
    """Import nltk with scipy.stats hidden, unless something imported scipy.stats already."""
    hidden = "scipy.stats" not in sys.modules
    if hidden:
        sys.modules["scipy.stats"] = None  # makes "from scipy.stats import ..." raise ImportError
    try:
        import nltk  # noqa: F401
    finally:
        if hidden:
            del sys.modules["scipy.stats"]


load()
