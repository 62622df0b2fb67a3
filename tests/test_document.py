"""The document model: phone forms, placeholders, word counts, spoken seconds, offsets."""

from __future__ import annotations

import pytest

from vmlint import lint
from vmlint.detect.phones import find_phone_numbers
from vmlint.detect.placeholders import find_placeholders
from vmlint.detect.spoken import spoken_words


@pytest.mark.parametrize(
    ("text", "number", "e164"),
    [
        ("Call 312-555-0147 today.", "312-555-0147", "+13125550147"),
        ("Call (312) 555-0147 today.", "(312) 555-0147", "+13125550147"),
        ("Call +1 312 555 0147 today.", "+1 312 555 0147", "+13125550147"),
        ("Call 312.555.0147 today.", "312.555.0147", "+13125550147"),
        ("Call 1-800-555-0100 today.", "1-800-555-0100", "+18005550100"),
        ("Call +44 20 7946 0958 today.", "+44 20 7946 0958", "+442079460958"),
        ("Call 555-0148 today.", "555-0148", None),
        ("Call 312-555-0147 x217 today.", "312-555-0147 x217", "+13125550147"),
        ("Call 1-800-FLOWERS today.", "1-800-FLOWERS", "+18003569377"),
        ("Call nine one seven, five five five, twelve thirty-four.", "nine one seven, five five five, twelve thirty-four", "+19175551234"),
        ("Call (800) 555-CARE today.", "(800) 555-CARE", "+18005552273"),
        ("Call 617 555 01 10 today.", "617 555 01 10", "+16175550110"),
        ("Call 312-555-0147, ext. 4 today.", "312-555-0147, ext. 4", "+13125550147"),
        ("Call 3 1 2 - 5 5 5 - 0 1 4 7 today.", "3 1 2 - 5 5 5 - 0 1 4 7", "+13125550147"),
        ("Call three one two, five five five, oh one four seven today.", "three one two, five five five, oh one four seven", "+13125550147"),
        ("Call eight hundred, five five five, one two one two.", "eight hundred, five five five, one two one two", "+18005551212"),
        ("Call five five five, double oh four eight.", "five five five, double oh four eight", None),
    ],
)
def test_phone_forms(text, number, e164):
    found = find_phone_numbers(text, "US")
    assert [p.text for p in found] == [number]
    assert found[0].e164 == e164
    assert not found[0].placeholder
    assert text[found[0].start:found[0].end] == number


@pytest.mark.parametrize(
    "text", ["XXX-XXX-XXXX", "###-###-####", "xxx-xxxx", "(XXX) XXX-XXXX", "[Your Number]", "{{phone}}", "{phone_number}", "[Cell]"]
)
def test_phone_placeholders(text):
    draft = f"Reach me at {text} anytime."
    found = find_phone_numbers(draft, "US", find_placeholders(draft))
    assert [(p.text, p.placeholder, p.e164) for p in found] == [(text, True, None)]


@pytest.mark.parametrize(
    "text",
    [
        "We saved them $144,000 in 2026.",
        "Cut costs 30% over 12 months.",
        "Call me on 11/25 at 4 p.m.",
        "One of our two clients grew by three times.",
        "We have twenty five clinics and forty two staff on site.",
        "Order #12345 shipped.",
    ],
)
def test_numbers_that_are_not_phone_numbers(text):
    assert find_phone_numbers(text, "US") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("[Name]", "name"), ("{first_name}", "name"), ("{{company}}", "company"), ("[Company Name]", "company"),
        ("(day/date)", "day"), ("<Prospect Name>", "name"), ("%FIRST_NAME%", "name"), ("____", "other"),
        ("[Your Phone Number]", "phone"), ("{{ callback_time }}", "time"), ("X date", "day"),
        ("${first_name}", "name"), ("*|FNAME|*", "name"), ("<<First Name>>", "name"), ("[[company]]", "company"),
    ],
)
def test_placeholders(text, kind):
    found = find_placeholders(f"Hi {text} there")
    assert [(p.text, p.kind) for p in found] == [(text, kind)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hi [Your Name], call 312-555-0147.", 5),
        ("one-two three — four", 3),
        ("  \n\t ", 0),
        ("I'll call you Wednesday at 4 p.m.", 7),
        ("- bullet one\n- bullet two", 4),
    ],
)
def test_word_count(text, words):
    assert lint(text).facts.words == words


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        # hand-counted spoken words
        ("I'll call you Wednesday at 4 p.m.", 8),  # I'll call you Wednesday at / four p m
        ("Call me at 312-555-0147.", 13),  # call me at / ten digits
        ("Call 312-555-0147 x217.", 15),  # call / ten digits / extension two one seven
        ("We saved $144,000.", 8),  # we saved / one hundred forty four thousand dollars
        ("Up 30% since 2019.", 6),  # up / thirty percent / since / twenty nineteen
        ("The HR team at B2B firms.", 9),  # the / H R / team at / B to B / firms
        ("Email me at dana@acme.com", 8),  # email me at / dana at acme dot com
        ("A follow-up at 10:30 am.", 8),  # a / follow up / at / ten thirty a m
        ("HI THIS IS DANA AT ACME", 6),  # all capitals: not spelled out
    ],
)
def test_spoken_words(text, spoken):
    assert spoken_words(text, find_phone_numbers(text, "US"))[0] == spoken


def test_spoken_seconds_rate_and_phone_pause():
    # 13 spoken words at 150 wpm is 5.2 s, plus a 0.5 s pause for the number
    assert lint("Call me at 312-555-0147.").facts.spoken_seconds == 5.7


def test_offsets_index_the_text_with_crlf():
    text = "---\r\nstep: 3\r\n---\r\nHi Ruth, Ben at Corvid.\r\nCall me at 720-555-0188.\r\n"
    report = lint(text)
    assert report.step == "3"
    phone = report.facts.phone_numbers[0]
    assert text[phone.start:phone.end] == "720-555-0188"
    said_once = next(f for f in report.findings if f.rule == "phone-number-said-once")
    assert (said_once.line, said_once.column) == (5, 12)


def test_front_matter_step_and_masking():
    text = "---\nstep: 1\nday: Monday\n---\nHi Ivy, it's Cal from Fernway. I'll call you Thursday at 3 p.m.\n"
    report = lint(text)
    assert report.step == "1"
    assert report.facts.words == 13
    assert report.facts.commitments[0].specific


def test_explicit_step_wins_over_front_matter():
    assert lint("---\nstep: 1\n---\nHi there.", step="3").step == "3"


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("I'll call you Wednesday at 4 p.m.", True),
        ("I will try you again on Friday.", True),
        ("I'm going to call you back tomorrow morning.", True),
        ("I'll give you a ring on the 14th.", True),
        ("I'll try again on (day/date).", True),
        ("I'll try you again next week.", False),
        ("I'll circle back sometime soon.", False),
        ("Will try you again in a few days.", False),
        ("I'll call you back in an hour.", True),
        ("I'll try you again in 20 minutes.", True),
        ("I'll try you again in a few hours.", False),
        ("Ill call u tmrw at 3", True),
        ("I'll reach out end of week.", False),
    ],
)
def test_commitment_specificity(text, specific):
    commitments = lint(f"Hi Ana, Jo from Pinecrest. {text}").facts.commitments
    assert len(commitments) == 1
    assert commitments[0].specific is specific


def test_a_kept_promise_is_not_a_new_commitment():
    facts = lint("As promised, I'm calling you back today at 10. I promised I'd try you at 10.").facts
    assert facts.commitments == []
    assert facts.promise_reference


@pytest.mark.parametrize(
    ("text", "name", "company"),
    [
        ("Hi Dana, it's Sam Ortiz from Northwind Freight.", "Sam Ortiz", "Northwind Freight"),
        ("Hey, this is Priya with Tallgrass.", "Priya", "Tallgrass"),
        ("Dana, Sam here over at Northwind.", "Sam", "Northwind"),
        ("hi its jenna from brightpath.", "jenna", "brightpath"),
        ("Hi {first_name}, this is [Your Name] with {{company}}.", "[Your Name]", "{{company}}"),
        ("Hi Dana, my name is Leo and I'm calling from Ardent Labs.", "Leo", "Ardent Labs"),
    ],
)
def test_caller_identity(text, name, company):
    facts = lint(text).facts
    assert facts.caller_name is not None and facts.caller_name.text == name
    assert facts.company is not None and facts.company.text == company


@pytest.mark.parametrize(
    "text",
    [
        "As I mentioned Monday, I'd follow up today. I'll call again Friday at 10.",
        "I promised I'd call today, so here I am. I'll call again Friday at 10.",
        "Like I said I would, calling you back. I'll call again Friday at 10.",
    ],
)
def test_only_the_new_commitment_counts_after_a_kept_promise(text):
    facts = lint(f"Mark, Dana from Pivot HR. {text}", step="2").facts
    assert [c.text for c in facts.commitments] == ["I'll call again Friday at 10"]
    assert facts.promise_reference


@pytest.mark.parametrize(
    "text",
    [
        "Dana Price passed along your name.", "I got your name from Marcus at Hillcrest.",
        "Priya over at Lumen said you might be hiring.", "Your colleague Sam thought we should connect.",
        "A mutual contact, Jen Wu, suggested I call.", "Ken and I worked together at Acme.",
        "Lisa Moreno recommended I reach out.", "I'm calling at the suggestion of Ruth Kim.",
        "I'm calling on behalf of your broker, Dan Ruiz.",
    ],
)
def test_referrals(text):
    assert lint(f"Hi Ana, it's Jo from Pinecrest. {text}", step="1").facts.referral is not None


@pytest.mark.parametrize(
    "text",
    ["We helped Redwood Clinic cut no-shows by a third.", "As I mentioned Monday, we can help.", "I'll call you Thursday at 2."],
)
def test_no_referral(text):
    assert lint(f"Hi Ana, it's Jo from Pinecrest. {text}", step="1").facts.referral is None


def test_markdown_headings_and_comments_are_not_spoken(tmp_path):
    from vmlint import lint_file

    body = "Hi Ana, it's Jo from Pinecrest. Sorry I missed you. I'll call you Thursday at 2.\n"
    script = "# Step 1 – Monday voicemail\n\n<!-- approved by enablement -->\n" + body
    (tmp_path / "script.md").write_text(script, encoding="utf-8")
    (tmp_path / "script.txt").write_text(script, encoding="utf-8")
    # A heading that names a voicemail makes the paragraph under it the file's one message.
    (message,) = lint_file(tmp_path / "script.md", step="1").messages
    assert message.line == 4 and message.report.facts.words == lint(body, step="1").facts.words
    assert lint_file(tmp_path / "script.txt", step="1").facts.words > lint(body, step="1").facts.words
