"""Draw the report's charts with matplotlib, each as an inline SVG string."""

import io
import textwrap

INK, ACCENT, MUTED = "#1f2933", "#b4432d", "#9aa5b1"
GRADE_COLOURS = ["#2f855a", "#68a357", "#d69e2e", "#dd6b20", "#c53030", "#822727"]
LINE_COLOURS = ["#b4432d", "#2b6cb0", "#2f855a", "#d69e2e", "#6b46c1"]


def figure(height):
    """Return a new figure and axes of the report's width."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "axes.edgecolor": MUTED,
                         "axes.spines.top": False, "axes.spines.right": False, "svg.hashsalt": "policylens"})  # fmt: skip
    return plt.subplots(figsize=(8, height))


def svg(fig):
    """Return a figure as an <svg> element (text kept as text, so it prints sharp and can be searched)."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    # No metadata block: its date would make every report differ, and it names RDF vocabularies.
    fig.savefig(
        buffer,
        format="svg",
        bbox_inches="tight",
        metadata={"Creator": None, "Date": None, "Format": None, "Type": None},
    )
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def plain(label, width=70):
    """Return text safe for a matplotlib label: "$" would start math, and long text is cut."""
    return textwrap.shorten(label, width, placeholder="…").replace("$", r"\$")


def grade_colour(letter, index):
    """Return a grade's colour: green for A through red, by the letter when it is one, else by rank."""
    rank = ord(letter) - ord("A") if len(letter) == 1 and "A" <= letter <= "Z" else index
    return GRADE_COLOURS[min(rank, len(GRADE_COLOURS) - 1)]


def grade_chart(letters, counts, no_grade):
    """Draw how many documents got each grade (and how many got none)."""
    labels = letters + (["no grade"] if no_grade else [])
    values = counts + ([no_grade] if no_grade else [])
    colours = [grade_colour(letter, i) for i, letter in enumerate(letters)] + [MUTED] * bool(no_grade)
    fig, ax = figure(3)
    bars = ax.bar(labels, values, color=colours)
    ax.bar_label(bars, padding=2)
    ax.set_ylabel("documents")
    return svg(fig)


def share_chart(labels, shares, xlabel):
    """Draw horizontal bars of shares (0-1), largest first at the top."""
    fig, ax = figure(0.28 * len(labels) + 0.8)
    positions = range(len(labels))[::-1]
    bars = ax.barh(list(positions), [share * 100 for share in shares], color=ACCENT)
    ax.set_yticks(list(positions), [plain(label) for label in labels])
    ax.bar_label(bars, labels=[f"{share:.0%}" for share in shares], padding=2)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, 110)
    return svg(fig)


def count_chart(labels, counts, xlabel):
    """Draw horizontal bars of counts, largest first at the top."""
    fig, ax = figure(0.3 * len(labels) + 0.8)
    positions = range(len(labels))[::-1]
    bars = ax.barh(list(positions), counts, color=ACCENT)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_yticks(list(positions), [plain(label, 80) for label in labels], fontsize=8)
    ax.bar_label(bars, padding=2)
    ax.set_xlabel(xlabel)
    return svg(fig)


def trend_chart(periods, letters, grade_shares, categories, category_shares):
    """Draw the grade mix per period (stacked bars) and the share raising the top categories (lines)."""
    import matplotlib.pyplot as plt

    figure(1)  # applies the report's style
    plt.close()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    base = [0.0] * len(periods)
    for index, letter in enumerate(letters):
        values = [shares[index] * 100 for shares in grade_shares]
        top.bar(periods, values, bottom=base, label=letter, color=grade_colour(letter, index))
        base = [b + v for b, v in zip(base, values)]
    top.set_ylabel("% of documents")
    top.set_title("Grades", loc="left")
    top.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    for index, category in enumerate(categories):
        bottom.plot(periods, [shares[index] * 100 for shares in category_shares], marker="o",
                    label=category, color=LINE_COLOURS[index % len(LINE_COLOURS)])  # fmt: skip
    bottom.set_ylabel("% raising it")
    bottom.set_title("Most common red-flag categories", loc="left")
    bottom.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    bottom.set_ylim(0, 105)
    return svg(fig)
