"""Speakers on hard cases: namesakes, pronouns after other people, genders, role nouns, and odd article shapes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import find, run  # noqa: E402


def test_family_members_sharing_a_surname_are_kept_apart() -> None:
    arts, quotes = run(
        "Martin Richard, 8, was killed at the finish line.\n\n"
        "His father, Bill Richard, thanked the city on Friday. “We continue to pray for all the victims "
        "as we remember Martin,” Richard said in a statement.\n\n"
        "Denise Richard, his mother, was badly hurt."
    )
    q = find(quotes, "as we remember Martin")
    assert q.speaker == "Bill Richard"


def test_two_people_with_one_surname_in_one_paragraph() -> None:
    _, quotes = run(
        "Anna Kovacs and her brother Peter Kovacs ran the bakery together. Peter Kovacs said the oven failed first. "
        "“We had no warning at all,” Kovacs said."
    )
    assert find(quotes, "no warning at all").speaker == "Peter Kovacs"


def test_pronoun_skips_a_person_named_in_a_side_phrase() -> None:
    _, quotes = run(
        "Clara Dunmore, the television cook, has died aged 66. Dunmore filmed four series of the show.\n\n"
        "She and her partner Jennifer Pike travelled the country together. She wrote three books.\n\n"
        "Speaking after the death of her partner Pike in 1999, she said: “She died magnificently.”"
    )
    assert find(quotes, "She died magnificently").speaker == "Clara Dunmore"


def test_she_never_resolves_to_a_man() -> None:
    _, quotes = run(
        "Mr. Tom Harlan, the director, spoke first. He praised the crew.\n\n"
        "Lena Ortiz answered him on Monday. Harlan had defended the studio all week.\n\n"
        "“I don’t understand why he would defend them,” she said."
    )
    assert find(quotes, "why he would defend them").speaker == "Lena Ortiz"


def test_role_noun_resolves_to_the_titled_person() -> None:
    _, quotes = run(
        "Mayor Antonio Vela met the protesters on Sunday.\n\n"
        "The mayor praised them for staying peaceful. But he added in a statement: "
        "“It is time to move from the park to the city hall.”"
    )
    assert find(quotes, "It is time to move").speaker == "Antonio Vela"


def test_shorter_full_name_joins_the_longer_one() -> None:
    _, quotes = run(
        "Clarissa Dickson Wright has died in Edinburgh.\n\n"
        "Dickson Wright was a barrister before she cooked on television. “I loved every minute of it,” "
        "Dickson Wright said in 2012."
    )
    q = find(quotes, "I loved every minute")
    assert q.speaker is not None and "Dickson Wright" in q.speaker
    assert q.entity is not None


def test_anonymous_source_stays_anonymous_when_a_person_holds_that_role() -> None:
    _, quotes = run(
        "Spokesman Hal Grier opened the briefing.\n\n"
        "A senior official said the talks had stalled. “There is no deal,” the official said."
    )
    q = find(quotes, "There is no deal")
    assert q.anonymous and q.entity is None


def test_article_of_only_quotes() -> None:
    _, quotes = run("“We will rebuild.”\n\n“Every family will be housed.”\n\n“The money is there.”")
    assert len(quotes) == 3 and all(q.kind == "direct" for q in quotes)


def test_nested_quotes_keep_the_outer_speaker() -> None:
    _, quotes = run(
        "Lena Ortiz spoke on Monday. “My father told me ‘never give up’ and I never did,” Ortiz said."
    )
    assert find(quotes, "never did").speaker == "Lena Ortiz"


def test_transcript_turns() -> None:
    _, quotes = run(
        "Chris Wallace interviewed Governor Maria Keller on Sunday.\n\n"
        "WALLACE: Will the dam be rebuilt by spring?\n\n"
        "KELLER: Yes, and every family will be housed before winter."
    )
    q = find(quotes, "every family will be housed")
    assert q.speaker is not None and "Keller" in q.speaker


def test_quote_spanning_paragraphs_without_closing_marks() -> None:
    _, quotes = run(
        "Ines Vidal gave a long statement on Friday.\n\n"
        "“The first part of the statement goes on\n\n"
        "“and ends only in the next paragraph,” said Ines Vidal."
    )
    assert find(quotes, "first part of the statement").speaker == "Ines Vidal"


def test_speaker_named_only_in_the_headline() -> None:
    _, quotes = run("Sanders: Clinton needs to change course\n\nBernie Sanders spoke to voters in Iowa on Monday.")
    q = find(quotes, "Clinton needs to change course")
    assert q.speaker is not None and "Sanders" in q.speaker


def test_interview_with_name_and_initials_labels_gives_nested_quotes_to_the_turn() -> None:
    _, quotes = run(
        "Nora Quill spoke to the director Tomas Berg about his new film.\n\n"
        "Nora Quill: What did the studio tell you after the first cut?\n\n"
        "Tomas Berg: They were kind about it. Then my producer called.\n\n"
        "NQ: And what did you answer?\n\n"
        "TB: I said, “We are not cutting a single scene of the harbour chase.” I meant it.\n\n"
        "The film opens in June."
    )
    assert find(quotes, "not cutting a single scene").speaker == "Tomas Berg"
    assert find(quotes, "what did you answer").speaker == "Nora Quill"
    assert not any("The film opens" in q.text for q in quotes)


def test_heading_in_capitals_is_not_an_interview_turn() -> None:
    _, quotes = run(
        "Airline boarding changed this week, Dana Sky reported.\n\n"
        "NEWS IN THE SKY: Boarding takes longer than it did a year ago.\n\n"
        "NEWS IN THE SKY: Fares rose again.\n\n"
        "“The lines are long,” said traveller Omar Reyes."
    )
    assert all(q.speaker != "News In The Sky" for q in quotes)


def test_she_added_goes_on_from_the_speaker_before() -> None:
    _, quotes = run(
        "Myra Lind sued her employer, Delta Freight, in May. Lind says the firm tracked her phone at night.\n\n"
        "Her lawyer, Gail Moreno, said the tracking broke state law.\n\n"
        "“She found it very offensive,” she added."
    )
    assert find(quotes, "very offensive").speaker == "Gail Moreno"


def test_pronoun_goes_to_the_profiled_person_over_one_named_in_passing() -> None:
    _, quotes = run(
        "Clara Dunn, the cook, has died aged 66. Dunn hosted the show for ten years. Dunn wrote six books.\n\n"
        "Dunn was proud of the show. “She was loved by so many,” said agent Helen Vose.\n\n"
        "During an interview in 2009, she said of her meetings: “You go there and they are pleased to see you.”"
    )
    assert find(quotes, "pleased to see you").speaker == "Clara Dunn"


def test_the_agency_is_the_acronym_agency_and_the_report_its_issuer() -> None:
    _, quotes = run(
        "The builder agreed to pay a fine to the EPA on Tuesday.\n\n"
        "According to the EPA report, inspectors visited 33 homes.\n\n"
        "“The firm took immediate steps to comply,” the agency writes.\n\n"
        "“During the broadcast,” the report continues, “the owner spoke about lead paint.”"
    )
    assert find(quotes, "immediate steps").speaker == "EPA"
    assert find(quotes, "During the broadcast").speaker == "EPA"


def test_quoted_posts_from_a_thread_are_its_authors() -> None:
    _, quotes = run(
        "The Cato Institute highlighted a Twitter thread from Scott Miller of the Tax Foundation on Friday.\n\n"
        "“First they interview shoppers who are shocked at the prices.”\n\n"
        "“Then they say nobody will change what they buy.”"
    )
    assert find(quotes, "First they interview").speaker == "Scott Miller"
    assert find(quotes, "nobody will change").speaker == "Scott Miller"


def test_the_friend_is_the_friend_just_named() -> None:
    _, quotes = run(
        "Mike Pascal, a childhood friend from New Jersey, said he felt sick when he heard the news.\n\n"
        "“He was such a remarkable friend,” Pascal told reporters.\n\n"
        "“He put others first,” the friend added."
    )
    assert find(quotes, "put others first").speaker == "Mike Pascal"


def test_title_glued_to_a_name_speaks_as_the_person() -> None:
    _, quotes = run(
        "“The chemical was a nerve agent,” Inspector-General of Police Khalid Abu Bakar said on Friday.\n\n"
        "Police searched two flats."
    )
    assert find(quotes, "nerve agent").speaker == "Khalid Abu Bakar"


def test_lawyers_for_someone_speak_for_themselves() -> None:
    # the parser takes the client's name for the subject, or the capitalised "Attorneys" for a name
    cases = [
        ("Lawyers for Riverside Mall arsonist Dmitri Volkanov (vol-KAH'-nov) say his trial should have been held in "
         "another county because jurors could not avoid the coverage.", "his trial should have been held",
         "Lawyers for Riverside Mall arsonist Dmitri Volkanov"),
        ("Attorneys for Riverside Mall arsonist Dmitri Volkanov appealed his conviction on Monday, arguing that "
         "publicity made a fair trial in the county impossible.", "publicity made a fair trial",
         "Attorneys for Riverside Mall arsonist Dmitri Volkanov"),
        ("Lawyers for former mayor Carla Benning say she never saw the contract before it was signed.",
         "she never saw the contract", "Lawyers for former mayor Carla Benning"),
    ]
    for text, words, speaker in cases:
        _, quotes = run(text)
        q = find(quotes, words)
        assert (q.speaker, q.entity) == (speaker, None)


def test_a_spokesman_for_someone_named_beside_the_role_is_that_spokesman() -> None:
    _, quotes = run(
        "Senator Hal Brennan missed the vote on Tuesday.\n\n"
        "A spokesman for the senator, Jo Lind, said the senator was recovering from surgery and would return "
        "next week."
    )
    assert find(quotes, "the senator was recovering from surgery").speaker == "Jo Lind"
