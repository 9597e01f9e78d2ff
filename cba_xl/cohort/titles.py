"""The cohort deck's action titles, each computed from the cohort's counts.

A title states what the chart or table shows ("Five themes cover 31 of 42 picks; Financial
sustainability leads"), and only what the counts say: "most" is a strict majority, "leads" is a
unique maximum, a tie is named as a tie, and every count agrees with its noun and verb. The
wording helpers are the participant decks' (`cba_xl.slides.words`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cba_xl.cohort.pitch import PitchGroup
from cba_xl.cohort.rooms import Room
from cba_xl.cohort.summary import (
    CHANGES_AREA,
    NOT_GIVEN,
    REQUIREMENTS_AREA,
    SERVICES_AREA,
    CohortStats,
    CohortSummary,
    canvas_area,
)
from cba_xl.core import vocab
from cba_xl.slides.brand import month_year
from cba_xl.wording import agree, cap, count, join_and, lead, lower_first, number, share

MAX_NAMED = 3  # a tie among more names than this is told as a number


def _tie(names: Sequence[str], noun: str) -> str:
    """'A and b' for a few tied names (a sentence's words after the first in lower case),
    'four blocks' for many."""
    if len(names) > MAX_NAMED:
        return count(len(names), noun)
    return join_and([names[0], *(lower_first(n) for n in names[1:])])


def submissions(stats: CohortStats, summary: CohortSummary) -> str:
    n, errors = stats.participants, stats.with_errors
    if not n:
        return f"No workbook of the {count(summary.files, 'file')} could be consolidated"
    r = summary.roster
    if r is not None and r.people:
        # With a roster the trainer's question is who is still missing, not how many files.
        # Unusable files are the roster's third group, named on the slide beside the title.
        title = _roster_part(len(r.submitted), len(r.people))
    else:
        title = f"{cap(count(n, 'participant'))} consolidated from {count(summary.files, 'file')}"
        if summary.rejected:
            title += f", {number(len(summary.rejected))} rejected"
    if not errors:
        return title + "; none has errors"
    return title + f"; {number(errors)} {agree(errors, 'has', 'have')} errors to fix"


def _roster_part(submitted: int, people: int) -> str:
    if people == 1:
        return f"The person on the roster has {'' if submitted else 'not '}submitted"
    if not submitted:
        return f"None of the {count(people, 'person', 'people')} on the roster has submitted"
    have = agree(submitted, "has", "have")
    return f"{cap(share(submitted, people, 'person', 'people'))} on the roster {have} submitted"


def challenges(stats: CohortStats, summary: CohortSummary) -> str:
    picked = [t for t in stats.frequencies() if t.count]
    if not summary.top or not picked:
        return "No participant has ranked a challenge yet, so there are no breakout rooms"
    total = sum(t.count for t in picked)
    top = set(summary.top)
    covered = sum(t.count for t in picked if t.theme in top)
    k = len(summary.top)
    themes = cap(count(k, "theme"))
    verb = agree(k, "covers", "cover")
    title = f"{themes} {verb} {share(covered, total, 'pick')}"
    best = lead((t.theme, t.count) for t in picked)
    if best.unique:
        return f"{title}; {best.names[0]} leads"
    return f"{title}; {_tie(best.names, 'theme')} tie for the lead"


def rooms(summary: CohortSummary) -> str:
    if not summary.rooms:
        return "No breakout rooms: no challenge is ranked yet"
    sizes = [len(members) for members in summary.rooms.values()]
    low, high = min(sizes), max(sizes)
    empty = sizes.count(0)
    if low == high:
        people = f"with {count(low, 'participant')} each"
    elif empty:
        # Fewer participants than rooms: say so rather than "no to one participants each".
        stay = agree(empty, "stays", "stay")
        people = f"with up to {count(high, 'participant')} each; {number(empty)} {stay} empty"
    else:
        people = f"with {number(low)} to {number(high)} participants each"
    n = len(summary.rooms)
    one = "one for the top challenge" if n == 1 else "one per top challenge"
    title = f"{cap(count(n, 'breakout room'))}, {one}, {people}"
    if summary.rooms_by != "preference":
        return title
    # By preference the trainer's question is how many got a room they asked for.
    placed = sum(sizes)
    sit = agree(summary.in_picked_room, "sits", "sit")
    return (
        f"{title}; {share(summary.in_picked_room, placed, 'participant')} {sit} in one they picked"
    )


def room_brief(room: Room) -> str:
    """'Room 2, Digitalisation: three of four members picked it'."""
    n, picked = len(room.members), room.picked
    head = f"Room {room.number}, {room.theme}"
    if not n:
        return f"{head}: nobody is in this room"
    if n == 1:
        return f"{head}: its one member {'picked' if picked else 'did not pick'} it"
    if not picked:
        return f"{head}: none of its {count(n, 'member')} picked it"
    return f"{head}: {_share(picked, n, 'member')} picked it"


def pitch_groups(groups: Sequence[PitchGroup]) -> str:
    """'Four pitch groups of three to four people; no two members of a group from one country,
    and in three of four groups every member shares a challenge with another'."""
    if not groups:
        return "No pitch groups: nobody to group"
    g = len(groups)
    sizes = [len(x.members) for x in groups]
    low, high = min(sizes), max(sizes)
    people = (
        count(low, "person", "people") if low == high else f"{number(low)} to {number(high)} people"
    )
    title = f"{cap(count(g, 'pitch group'))} of {people}"
    mixed = sum(x.countries_mixed for x in groups)
    if mixed == g:
        title += "; no two members of a group come from one country"
    elif not mixed:
        title += "; the group has" if g == 1 else "; every group has"
        title += " two members from one country"
    else:
        have = agree(mixed, "has", "have")
        title += f"; {_share(mixed, g, 'group')} {have} no two members from one country"
    shared = sum(x.all_share for x in groups)
    if shared == g:
        where = "" if g == 1 else "in each "
        return title + f", and {where}every member shares a challenge with another"
    if not shared:
        if g == 1:
            return title + ", and not every member shares a challenge with another"
        return title + ", and in none does every member share a challenge with another"
    return title + f", and in {_share(shared, g, 'group')} every member shares a challenge"


def _share(part: int, whole: int, singular: str) -> str:
    """share(), but 'both members' rather than 'all two members'."""
    return f"both {singular}s" if part == whole == 2 else share(part, whole, singular)


def canvas_items(stats: CohortStats) -> str:
    """Today's most shared canvas theme (`cba_xl.cohort.themes`): the participants whose own
    words for an item of one block mean the same."""
    now = vocab.HORIZONS["current"]
    found: list[tuple[str, str, int]] = []
    for _key, block, _group in vocab.CANVAS_BLOCKS:
        found += [
            (t.label, block, t.participants) for t in stats.themes_of(canvas_area(now, block))
        ]
    most = max((c for _, _, c in found), default=0)
    if most < 2:
        return "No canvas theme of today is shared by two participants"
    shared = [(item, block) for item, block, c in found if c == most]
    of = share(most, stats.participants, "participant")
    if len(shared) == 1:
        item, block = shared[0]
        return f"“{item}” ({lower_first(block)}) is today's most shared canvas theme: {of}"
    return f"{cap(count(len(shared), 'canvas theme'))} are each shared by {of}, the most today"


# The areas of the themes slide, with how a title names them. Not the services' fields: a
# field is a category ("Training & skills"), the same words in every workbook that has it, so
# its "theme" only repeats it; the pitch groups use the fields, and the Themes sheet still
# lists them.
PLAN_AREAS = {
    CHANGES_AREA: "changes",
    REQUIREMENTS_AREA: "plan requirements",
    SERVICES_AREA: "services",
}


def shared_themes(stats: CohortStats) -> str:
    """The most shared theme among the changes, plan requirements and services."""
    found = [(t, area) for area in PLAN_AREAS for t in stats.themes_of(area)]
    shared = [(t, area) for t, area in found if t.participants > 1]
    if not shared:
        return "No change, plan requirement or service is shared by two participants yet"
    most = max(t.participants for t, _ in shared)
    best = [(t, area) for t, area in shared if t.participants == most]
    of = share(most, stats.participants, "participant")
    themes = cap(count(len(shared), "theme"))
    are = agree(len(shared), "is", "are")
    head = f"{themes} in plans and services {are} shared"
    if len(best) == 1:
        t, area = best[0]
        return f"{head}; “{t.label}” ({PLAN_AREAS[area]}) leads with {of}"
    return f"{head}; {number(len(best))} lead with {of} each"


def canvas_changes(stats: CohortStats) -> str:
    blocks = [title for _, title, _ in vocab.CANVAS_BLOCKS]
    best = lead((b, stats.blocks_changed.get(b, 0)) for b in blocks)
    if not best.names:
        return "No participant's business model changes between today and five years from now"
    of = share(best.count, stats.participants, "business model")
    everyone = best.count == stats.participants
    if best.unique:
        return f"{best.names[0]} changes in {of}" + (
            "" if everyone else ", more than any other block"
        )
    tail = "" if everyone else " each, more than any other block"
    return f"{cap(_tie(best.names, 'block'))} change in {of}{tail}"


def actions(stats: CohortStats) -> str:
    n = stats.actions
    if not n:
        return "No participant has listed an action to prioritise yet"
    quick = stats.quadrants.get(vocab.QUICK_WIN, 0)
    are = agree(quick, "is a quick win", "are quick wins")
    title = f"{cap(share(quick, n, 'action'))} {are}"
    have, everyone = stats.with_quick_win, stats.participants
    if have == everyone:
        return title + (
            "; the participant has one" if everyone == 1 else "; every participant has one"
        )
    if not have:
        return title + "; no participant has one"
    return title + f"; {share(have, everyone, 'participant')} {agree(have, 'has', 'have')} one"


def month_label(key: str) -> str:
    """'2025-07' -> 'July 2025'."""
    try:
        return month_year(dt.date.fromisoformat(f"{key}-01"))
    except ValueError:
        return key


def dated_months(stats: CohortStats) -> list[str]:
    return sorted(m for m in stats.finish_months if m[:1].isdigit())


def deadlines(stats: CohortStats) -> str:
    """When plan steps finish, by each participant's one schedule (not their deadlines)."""
    steps = stats.plan_steps
    if not steps:
        return "No participant has listed a plan step yet"
    months = dated_months(stats)
    if not months:
        return f"None of the {count(steps, 'plan step')} has a date yet: no plan has a start"
    best = lead((month_label(m), stats.finish_months[m]) for m in months)
    done = f"{share(best.count, steps, 'plan step')} {agree(best.count, 'finishes', 'finish')}"
    if best.unique:
        return f"{best.names[0]} is the busiest month: {done} by the schedules"
    if len(best.names) <= MAX_NAMED:
        return f"{join_and(best.names)} are the busiest months: in each, {done}"
    most = share(best.count, steps, "plan step")
    return f"Plan steps finish over {count(len(months), 'month')}; no month has more than {most}"


def services(stats: CohortStats) -> str:
    n = stats.services
    if not n:
        return "No participant has listed a service yet"
    fin = list(vocab.FINANCING) + sorted(set(stats.financing) - set(vocab.FINANCING))
    best = lead((f, stats.financing.get(f, 0)) for f in fin if f != NOT_GIVEN)
    if not best.names:
        return f"None of the {count(n, 'service')} says how it is financed yet"
    of = share(best.count, n, "service")
    if best.majority:
        title = f"“{best.names[0]}” finances most services ({of})"
    elif best.unique:
        title = f"“{best.names[0]}” is the most common financing ({of})"
    else:
        quoted = [f"“{name}”" for name in best.names]
        title = f"{_tie(quoted, 'kind of financing')} are equally common ({of} each)"
    fee = stats.turning_fee_based
    makes = agree(fee, "makes", "make")
    return title + f"; {share(fee, stats.participants, 'participant')} {makes} one fee-based"


def needs(stats: CohortStats) -> str:
    """Which key member need the most clusters share, and how many of them serve it."""
    if not stats.needs:
        return "No participant has listed a key member need yet"
    named = [(name, n) for name, n, _ in stats.shared_needs() if name != NOT_GIVEN]
    best = lead(named)
    if not best.names:
        return f"None of the {count(stats.needs, 'key member need')} names its field yet"
    of = share(best.count, stats.participants, "participant")
    if len(best.names) > 1:
        tied = _tie(best.names, "need field")
        return f"{cap(tied)} are the needs most shared ({of} each)"
    name = best.names[0]
    if 2 * best.count > stats.participants:
        title = f"Most clusters share a need for {lower_first(name)} ({of})"
    else:
        title = f"{name} is the need most shared ({of})"
    gaps = stats.need_gaps.get(name, 0)
    if gaps:
        title += f"; {number(gaps)} of them {agree(gaps, 'has', 'have')} no service for it"
    return title


def trends(stats: CohortStats) -> str:
    """The most pressing trends: rated high influence and low competence."""
    n, p = stats.trends, stats.pressing
    if not n:
        return "No participant has listed a trend yet"
    if not p:
        return f"None of the {count(n, 'trend')} is rated high influence and low competence"
    are = agree(p, "is", "are")
    title = f"{cap(share(p, n, 'trend'))} {are} pressing (high influence, low competence)"
    top = stats.pressing_trends.most_common(2)
    if top and top[0][1] > 1 and (len(top) == 1 or top[1][1] < top[0][1]):
        of = share(top[0][1], stats.participants, "participant")
        return title + f"; “{top[0][0]}” for {of}"
    best = lead((g, stats.pressing_by_group.get(g, 0)) for g in vocab.PESTEL)
    if best.majority and p > 1:
        return title + f"; most of them {best.names[0]}"
    if best.unique and p > 1:
        return title + f"; {best.names[0]} has the most"
    return title


def competencies(stats: CohortStats) -> str:
    """The competence gaps the cohort shares most."""
    if not stats.assessed:
        return "No participant has assessed a field of competence yet"
    best = lead((name, stats.gaps.get(name, 0)) for name in vocab.COMPETENCE_NAMES)
    if not best.names:
        of = share(stats.assessed, stats.participants, "participant")
        return f"No competence gap: {of} assessed their fields, each at its target"
    if stats.participants == 1:
        of = "the one participant"
    else:
        of = share(best.count, stats.participants, "participant")
    if best.unique:
        title = f"{best.names[0]} is the most common competence gap ({of})"
    else:
        each = "" if best.count == stats.participants else " each"
        names = cap(_tie(best.names, "field"))
        title = f"{names} are the most common competence gaps ({of}{each})"
    unclosed = sum(stats.gaps_open.values())
    if unclosed:
        return (
            title + f"; {count(unclosed, 'gap')} {agree(unclosed, 'has', 'have')} no closing step"
        )
    return title + "; plan steps close every gap"


# The closing slide states the cohort's two rules, which hold whatever the data.
RULES = "Ties go to rank points, then the alphabet; a resubmission replaces the older file"
