"""The shipped engine: the model proposes, the rules' knowledge of denials and scope checks it."""

import json

import pytest

from server.flags import decide, load_rules
from server.flags.conduct import forbidden_conduct
from server.flags.decide import LIMITED_SCOPE, denies
from server.flags.engine import is_heading
from server.sentences import Sentence


@pytest.fixture(scope="module")
def engine(analyzer):
    return lambda text: decide([Sentence(text, 0, len(text), 0)], analyzer.rules, analyzer.model)


def categories(found):
    return {item["category"] for item in found}


@pytest.mark.parametrize(
    "text, category",
    [
        ("We may sell your personal information to data brokers.", "data-sale"),
        ("We share your personal information with advertising partners for their own marketing purposes.", "third-party-sharing"),
        ("We and our advertising partners use cookies and web beacons to show you targeted ads on other websites.", "tracking"),
        ("Should we be acquired by or merge with another company, your information will be transferred to the new owner.", "business-transfer"),
        ("We may disclose your information to law enforcement agencies in response to a subpoena.", "government-access"),
        ("Any dispute between you and us will be resolved by binding arbitration, and you waive your right to a class action.", "arbitration"),
        ("We may suspend or terminate your account at any time, for any reason, without notice.", "unilateral-termination"),
        ("We may modify these Terms at any time by posting the revised version on this page.", "policy-change"),
        ("THE SERVICE IS PROVIDED \"AS IS\" WITHOUT WARRANTIES OF ANY KIND.", "warranty-disclaimer"),
        # A negation in the user's condition denies nothing; a disclaimer is stated by one.
        ("If you don't pay for your subscription on time, we reserve the right to suspend it.", "unilateral-termination"),
        ("We are not responsible for any charges your mobile carrier applies to text messages.", "liability-limit"),
    ],
)  # fmt: skip
def test_flags_what_a_sentence_states(engine, text, category):
    red, _ = engine(text)
    assert category in categories(red)
    flag = next(item for item in red if item["category"] == category)
    assert flag["sentence"] == text and flag["evidence"]
    assert all(0 <= start < end <= len(text) for start, end in flag["evidence"])


def test_the_most_serious_matching_rule_names_the_flag(engine):
    # tracking-cookies (low) and third-party-tracking (medium) come first in the rules file
    red, _ = engine("Our partners use cookies to show you ads on other websites you visit.")
    (flag,) = [item for item in red if item["category"] == "tracking"]
    assert (flag["rule"], flag["severity"]) == ("tracking-across-sites", "high")


@pytest.mark.parametrize(
    "text, category",
    [
        ("We do not sell your personal information.", "data-sale"),
        ("We will never sell or rent your personal data to anyone.", "data-sale"),
        ("We will not share your personal data with third parties unless you ask us to.", "third-party-sharing"),
        ("We do not share your information with advertisers.", "third-party-sharing"),
        ("We will not share your data with advertisers unless you opt in.", "third-party-sharing"),
        ("We may transfer personal information to a third party only in the following cases:", "third-party-sharing"),
        ("We share your personal information with other companies only with your explicit consent.", "third-party-sharing"),
        ("We do not use cookies for advertising and we do not track you across websites.", "tracking"),
        ("Each of these sites is run by a partner institution and helps us to open our collections to the public.", "third-party-sharing"),
        ("Do we sell your personal information?", "data-sale"),
        ("You may give or withhold permission for Plesk to share your information for marketing purposes with trusted 3rd parties and partners.", "third-party-sharing"),
        ("MailPlanet™ only shares personal information with other companies or individuals outside of MailPlanet™ in the following limited circumstances:", "third-party-sharing"),
    ],
)  # fmt: skip
def test_denials_scope_and_questions_raise_nothing(engine, text, category):
    red, _ = engine(text)
    assert category not in categories(red)


def test_a_denial_is_a_good_point(engine):
    red, good = engine("We do not sell your personal information to anyone.")
    assert not red and "data-sale" in categories(good)
    assert all(item["evidence"] for item in good)


def test_limited_scope():
    assert LIMITED_SCOPE.search("We share it only in the following circumstances:")
    assert LIMITED_SCOPE.search("We disclose data to partners only with your prior written consent.")
    assert not LIMITED_SCOPE.search("We share your data with partners, who may only use it for advertising.")


def test_negation_before_the_deciding_words():
    text = "We do not sell your data."
    assert denies(text, [[10, 14]], good_point=False)
    assert not denies("We sell your data.", [[3, 7]], good_point=False)
    assert denies("We sell your data.", [], good_point=False)  # nothing in the sentence made the decision
    assert not denies("We do not store passwords, but we sell your data.", [[33, 37]], good_point=False)
    assert not denies("We may, if you do not pay, sell your data.", [[27, 31]], good_point=False)
    # A negation governs the words after it in its own clause, not the whole sentence.
    text = "We may share customer data (but not card data) with affiliates for marketing."
    assert not denies(text, [[7, 12], [52, 62], [67, 76]], good_point=False)
    assert denies("Your data is never sold to advertisers.", [[5, 9], [19, 23]], good_point=False)
    assert denies("We will not sell your data unless you ask us to.", [[12, 16]], good_point=False)
    assert not denies("We are not liable for lost data.", [[7, 17]], good_point=False, category="liability-limit")


def test_categories_without_model_are_decided_by_rules(analyzer):
    rules = load_rules()
    text = "We may sell your personal information to data brokers."
    red, _ = decide([Sentence(text, 0, len(text), 0)], rules, None)
    assert "data-sale" in categories(red)


@pytest.mark.parametrize(
    "text, category, flagged",
    [
        ("You may only bring claims against us in your individual capacity, and not as a plaintiff or class member in any class action.", "class-action-waiver", True),
        ("YOU AND WE EACH WAIVE ANY RIGHT TO A TRIAL BY JURY.", "class-action-waiver", True),
        ("Nothing in these Terms waives your right to bring a class action where the law allows it.", "class-action-waiver", False),
        ("You agree to defend, indemnify and hold us harmless from any claims, including attorneys' fees, arising from your use of the Service.", "indemnification", True),
        ("We will indemnify you against any claim that the Service infringes a third party's patent.", "indemnification", False),
        ("We may use your personal data to develop, train, and fine-tune AI systems.", "ai-training", True),
        ("We do not use your personal data to train AI models.", "ai-training", False),
    ],
)  # fmt: skip
def test_waivers_indemnities_and_ai_training(engine, text, category, flagged):
    red, _ = engine(text)
    assert (category in categories(red)) is flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("For example, we may use your data to improve the service.", False),  # the model alone would flag it
        ("We use information to help improve the safety and reliability of our services.", False),
        ("We may use your content to train our machine learning models.", True),
        ("We use your data to improve our algorithms and other modelling.", True),
    ],
)  # fmt: skip
def test_ai_training_needs_ai_models_or_learning_named(engine, text, flagged):
    red, _ = engine(text)
    assert ("ai-training" in categories(red)) is flagged


@pytest.mark.parametrize(
    "text, category",
    [
        ("You release us, our affiliates and our and their directors, officers and employees from any claim arising out of your use of the Services.", "indemnification"),
        ("You will pay Zoom, and you are solely responsible for, any applicable Taxes and Fees.", "indemnification"),
        # what the rules except is no indemnity, whoever proposes it
        ("Each party will indemnify and hold the other party harmless from third party claims.", "indemnification"),
        ("Acme agrees to indemnify, defend, and hold You harmless from and against any and all losses.", "indemnification"),
    ],
)  # fmt: skip
def test_a_release_a_tax_or_the_companys_own_indemnity_is_none_of_yours(engine, text, category):
    red, _ = engine(text)
    assert category not in categories(red)


def test_every_labelled_sentence_holds_the_words_its_category_needs():
    """`needs` states a category's definition: no sentence the labellers or the rules gave it lacks them."""
    from server.flags.decide import NEEDS
    from train.data import OWN

    stated = [(json.loads(line)["text"], set(json.loads(line)["labels"])) for line in OWN.open(encoding="utf-8")]
    stated += [(text, {rule.category}) for rule in load_rules() if rule.kind == "red-flag" for text in rule.flags]
    assert NEEDS
    for category, words in NEEDS.items():
        examples = [text for text, labels in stated if category in labels]
        assert len(examples) > 10
        assert [text for text in examples if not words.search(text)] == []


def test_a_good_point_overrules_a_rule_of_its_sentence(analyzer):
    # both rules match; the promise speaks for the sentence
    text = "We never train AI models on your messages; we use your feedback to train our AI models only to improve spelling."
    rules = load_rules()
    flagged, good = decide([Sentence(text, 0, len(text), 0)], rules, None)
    assert "no-ai-training" in {item["rule"] for item in good}
    assert "ai-training" not in categories(flagged)


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("California residents have the right to opt out of the sale of their personal information.", False),
        ("Right to Opt Out of Sale or Sharing: you have the right to opt out of the sale or sharing of your personal information.", False),
        ("The right to opt out of our sale of your personal data and our processing for targeted advertising purposes.", True),
        ("We sell your personal information to data brokers; you have the right to opt out of this sale.", True),
    ],
)  # fmt: skip
def test_a_right_stated_in_general_is_not_a_sale(engine, text, flagged):
    red, _ = engine(text)
    assert ("data-sale" in categories(red)) is flagged


USER_MUST_NOT = """You agree not to use your Account for any illegal or prohibited activities. Prohibited activities include:

1. Selling or otherwise transferring your account to a third party;
2. Sharing the personal information of other users with any third party;
3. Uploading malware to the Services.

We may share your personal information with our advertising partners for their own marketing purposes."""

WE_SHARE = """We may share your information with the following recipients:

1. Selling partners, who receive your personal information for their own marketing;
2. Sharing partners: advertising networks that receive your contact details."""


def test_a_list_of_what_the_user_must_not_do_states_no_practice(analyzer):
    sentences = analyzer.splitter(USER_MUST_NOT)
    assert [s.position for s in sentences if s.position in forbidden_conduct(sentences)] == [2, 3, 4]
    red, _ = decide(sentences, analyzer.rules, analyzer.model)
    assert [flag["sentence"] for flag in red if flag["category"] == "third-party-sharing"] == [sentences[-1].text]


def test_a_list_of_what_the_service_does_is_not_forbidden_conduct(analyzer):
    sentences = analyzer.splitter(WE_SHARE)
    assert forbidden_conduct(sentences) == set()
    red, _ = decide(sentences, analyzer.rules, analyzer.model)
    assert "third-party-sharing" in categories(red)


@pytest.mark.parametrize(
    "lead",
    [
        "To protect users from prohibited conduct, we use the following:",  # names no forbidden act of the user's
        "We may process your data with any of the following legal bases:",
    ],
)
def test_a_lead_in_that_forbids_the_user_nothing_opens_no_list(analyzer, lead):
    sentences = analyzer.splitter(lead + "\n\n1. Sharing your location with your friends;\n2. Selling your data to brokers.")
    assert forbidden_conduct(sentences) == set()


@pytest.mark.parametrize(
    "text, heading",
    [
        ("Sharing Your Information", True),
        ("Exceptions to Agreement to Arbitrate.", True),
        ("How We Look After Your Personal Information and How Long We Keep It", True),
        ("Right to Opt Out of the Sale and Sharing of Your Personal Information", True),
        # capitals are a line of a legal paragraph, and a sentence ends with its full stop
        ("b. APPLE DOES NOT GUARANTEE, REPRESENT OR WARRANT THAT YOUR USE OF THE", False),
        ("We may share your personal information with our advertising partners for their own purposes.", False),
        ("We share Your Personal Information With Our Partners And Affiliates For Their Own Marketing Purposes, Including Advertising", False),
    ],
)  # fmt: skip
def test_headings_state_no_practice(text, heading):
    assert is_heading(text) is heading


@pytest.mark.parametrize(
    "text, category, flagged",
    [
        # a single word, a sentence about the document itself, or a definition, states nothing the service does
        ("No.", "warranty-disclaimer", False),
        ("This Privacy Policy explains what information we collect, how we use it, and with whom we share it with third parties for their own marketing.", "third-party-sharing", False),
        ("The following describes some of the circumstances in which we may share information with advertising partners:", "third-party-sharing", False),
        ("This section describes how we share your personal information with advertising partners.", "third-party-sharing", False),
        ('"Sensitive Personal Information" means personal data that reveals your precise geolocation, health or biometric data.', "sensitive-data", False),
        ('50.1. "AI Services" means Amazon Bedrock and other features that use machine learning models trained on your content.', "ai-training", False),
        ("“Personally identifiable information” is information that can be used to identify you, such as your name or credit card number.", "sensitive-data", False),
        ("You agree to:", "indemnification", False),  # a short lead-in into a list
        # the practice itself still is a flag
        ("We may share your information with:", "third-party-sharing", True),
        ("This policy applies when we share your personal information with advertising partners for their own marketing.", "third-party-sharing", True),
        ("We collect your precise geolocation and health data when you use the app.", "sensitive-data", True),
    ],
)  # fmt: skip
def test_the_document_about_itself_and_definitions_state_no_practice(engine, text, category, flagged):
    red, _ = engine(text)
    assert (category in categories(red)) is flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("All disputes will be subject to the non-exclusive jurisdiction of the courts located in your place of domicile, or the courts located in the Netherlands.", False),
        ("You agree to submit to the exclusive jurisdiction of the courts located in Santa Clara County, California.", True),
    ],
)  # fmt: skip
def test_courts_where_you_live_are_not_the_companys_courts(engine, text, flagged):
    red, good = engine(text)
    assert ("jurisdiction" in categories(red)) is flagged
    assert ("courts-where-you-live" in {item["rule"] for item in good}) is not flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        # a pointer to the user's choices describes the choice (annotation guide, first round)
        ("You can opt out of Google Analytics for Display Advertising by visiting the Google Ads Settings page.", False),
        ("For more information about cookies and interest-based advertising, please see our Cookie Policy.", False),
        ("Please see the Cookies and Targeted Advertising section below for more information on the use of cookies for behavioral advertising.", False),
        # unless it states the practice, or presupposes a sale or sharing
        ("For more information about how we and our advertising partners use cookies to show you targeted ads, see our Cookie Policy.", True),
        ("To opt out of the sale or sharing of your personal information for targeted advertising, visit our Do Not Sell or Share page.", True),
    ],
)  # fmt: skip
def test_a_pointer_to_the_users_choices_is_not_tracking(engine, text, flagged):
    red, _ = engine(text)
    assert ("tracking" in categories(red)) is flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("To delete your information, you can:", False),
        ("Delete your account.", False),
        # unless the choice is restricted
        ("You can manage some of your messaging preferences through your account settings, but note that you cannot opt out of receiving certain administrative messages.", True),
        ("Please read this privacy statement carefully, because by using our website, you accept and agree to the terms stated below.", True),
    ],
)  # fmt: skip
def test_a_pointer_to_the_users_choices_is_no_limit_on_them(analyzer, text, flagged):
    found = decide([Sentence(text, 0, len(text), 0)], analyzer.rules, analyzer.model)[0]
    assert ("limited-control" in categories(found)) is flagged
