import numpy
import pytest
from sumy.summarizers.lex_rank import LexRankSummarizer

from server.highlights import SparseLexRank, eligible, highlight, to_document
from server.sentences import Sentence, Splitter
from server.text import clean
from tests.conftest import read_policy


@pytest.fixture(scope="module")
def ranker():
    return SparseLexRank()


def stock_scores(ranker, document):
    stock = LexRankSummarizer(ranker._stemmer)
    stock.stop_words = ranker.stop_words
    words = [stock._to_words_set(s) for s in document.sentences]
    matrix = stock._create_matrix(words, stock.threshold, stock._compute_tf(words), stock._compute_idf(words))
    return stock.power_method(matrix, stock.epsilon)


@pytest.mark.parametrize("name", ["plesk", "planio", "mailplanet"])
def test_sparse_lexrank_scores_equal_stock_sumy(ranker, name):
    document = to_document(Splitter()(clean(read_policy(name))))
    numpy.testing.assert_allclose(ranker.rate(document), stock_scores(ranker, document), atol=1e-9)


def test_sparse_lexrank_is_a_sumy_summarizer(ranker):
    document = to_document(Splitter()(clean(read_policy("planio"))))
    best = ranker(document, 3)
    assert len(best) == 3 and all(s in document.sentences for s in best)


def test_no_sentences_no_highlights(ranker):
    assert highlight([], 7, ranker) == []


def test_zero_requested(ranker):
    assert highlight(Splitter()("We collect your name and your email address when you register."), 0, ranker) == []


def test_boilerplate_is_not_eligible():
    make = lambda text: Sentence(text, 0, len(text), 0)  # noqa: E731
    assert not eligible(make("Last updated on 11 August 2021 by the legal team of the company."))
    assert not eligible(make("If you have questions, contact us at privacy@example.com or by post."))
    assert not eligible(make("Information We Collect"))
    assert not eligible(make("Email Marketing - Know our Privacy Policy | Mailee.me and friends"))
    assert eligible(make("We share your email address with advertising partners for their own marketing."))


def test_highlights_are_verbatim_in_document_order(ranker):
    sentences = Splitter()(clean(read_policy("mailplanet")))
    top = highlight(sentences, 7, ranker)
    assert len(top) == 7
    positions = [h["position"] for h in top]
    assert positions == sorted(positions)
    for h in top:
        assert sentences[h["position"]].text == h["sentence"]
        assert 0 < h["score"] <= 1


def test_practices_rank_first_and_spread_across_categories(ranker):
    texts = [
        "Our company was founded many years ago by people who care deeply about the web.",
        "We may sell your personal information to advertisers and data brokers for profit.",
        "We may also sell your email address and purchase history to marketing partners.",
        "We keep your information indefinitely, even after you close your account with us.",
        "Our offices are bright, friendly places where the whole team works every day together.",
    ]
    sentences = [Sentence(t, 0, len(t), i) for i, t in enumerate(texts)]
    practices = {1: {"data-sale"}, 2: {"data-sale"}, 3: {"data-retention"}}
    top = highlight(sentences, 2, ranker, practices)
    assert {h["position"] for h in top} in ({1, 3}, {2, 3})  # one per category before a second of the same
    three = {h["position"] for h in highlight(sentences, 3, ranker, practices)}
    assert 3 in three and len(three & {1, 2}) == 1  # a new topic before a repeat of data-sale


def test_ranking_is_bounded_on_enormous_texts(ranker):
    from server.highlights import MAX_RANKED

    texts = [f"Clause {i}: we may share your personal information with partner number {i} today." for i in range(3 * MAX_RANKED)]
    sentences = [Sentence(t, 0, len(t), i) for i, t in enumerate(texts)] + [Sentence(texts[0], 0, 0, 3 * MAX_RANKED)]
    top = highlight(sentences, 7, ranker, {5: {"third-party-sharing"}})
    assert len(top) == 7 and 5 in [h["position"] for h in top]
    assert 3 * MAX_RANKED not in [h["position"] for h in top]  # the repeat of clause 0 is dropped
