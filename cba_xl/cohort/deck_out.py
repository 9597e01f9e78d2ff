"""The cohort deck, in the academy format, built with the slide builder's `Deck`.

Slides: title; submissions and check status; challenge frequency with the top themes
highlighted; breakout rooms; canvas patterns (the most shared themes per block, and what changes
per block); action plans (priorities, quick wins, deadlines by month); services (financing mix,
planned decisions); the themes shared in changes, plan requirements and services; how the cohort
was put together (the rules). Themes (`cba_xl.cohort.themes`) count participants whose own
words mean the same; the notes give each theme's wordings and who wrote them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from cba_xl.cohort import titles
from cba_xl.cohort.pitch import pitch_groups_of
from cba_xl.cohort.resubmissions import RULE
from cba_xl.cohort.rooms import Member, Room, rooms_with_members
from cba_xl.cohort.summary import CohortStats, CohortSummary, added_area, canvas_area
from cba_xl.cohort.themes import RULE as THEME_RULE
from cba_xl.cohort.themes import Theme
from cba_xl.core import vocab
from cba_xl.core.rules.pitch import RULE as PITCH_RULE
from cba_xl.core.rules.rooms import PREFERENCE_RULE
from cba_xl.slides import Deck, Para, Slide, charts, grid
from cba_xl.slides.brand import long_date
from cba_xl.wording import cap, join_and, noun, tally

KICKER = "Cohort results"
FORMULA_START = ("=", "+", "-", "@", "{=")


def label(text: str) -> str:
    """A chart category as text: python-pptx writes categories into the chart's embedded
    workbook with XlsxWriter's `write`, which turns a leading '=' into a formula."""
    return f" {text}" if text.startswith(FORMULA_START) else text


def write_deck(
    out: Path,
    stats: CohortStats,
    summary: CohortSummary,
    *,
    seed: int,
    made: dt.datetime,
    template: Path | None = None,
) -> None:
    whose = "participant's workbook" if stats.participants == 1 else "participants' workbooks"
    source = f"Source: {stats.participants} {whose}, consolidated by cba-xl"
    deck = Deck(template, source=source)
    _title(deck, stats, made)
    _submissions(deck, stats, summary)
    _challenges(deck, stats, summary)
    _rooms(deck, stats, summary, seed)
    if summary.pitch_size:
        _pitch(deck, stats, summary)
    _canvas_items(deck, stats)
    _canvas_changes(deck, stats)
    _actions(deck, stats)
    _deadlines(deck, stats)
    _services(deck, stats)
    _needs(deck, stats)
    _trends(deck, stats)
    _competencies(deck, stats)
    _themes(deck, stats)
    _rules(deck, summary)
    deck.save(out)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def _title(deck: Deck, stats: CohortStats, made: dt.datetime) -> None:
    slide = deck.add("Title", title="Cohort results", source="")
    deck.text(
        slide,
        "Subtitle",
        [
            Para(
                f"{tally(stats.participants, 'participant')}: "
                "challenges, canvases, plans and services"
            )
        ],
        max_size=24,
    )
    deck.text(slide, "Date", [Para(long_date(made.date()))], max_size=16)


def _side(deck: Deck, slide: Slide, paras: Sequence[Para]) -> None:
    deck.text(slide, "Side", list(paras), max_size=14, min_size=9)


def _submissions(deck: Deck, stats: CohortStats, summary: CohortSummary) -> None:
    status = [
        ("No errors", stats.participants - stats.with_errors),
        ("With errors", stats.with_errors),
        ("Rejected", len(summary.rejected)),
        ("Superseded", len(summary.duplicates)),
    ]
    notes = [f"Rejected: {r.file.name}: {r.reason}" for r in summary.rejected]
    notes += [f"Superseded: {d.name} (kept {k.name})" for k, d in summary.duplicates]
    notes += [f"Skipped: {p.name}: {why}" for p, why in summary.skipped]
    notes += [f"Findings on {sheet}: {n}" for sheet, n in stats.finding_sheets.most_common()]
    r = summary.roster
    # Names only in the notes: the slide is shown to the cohort, the notes are the trainer's.
    if r is not None:
        notes += [f"Not submitted: {p.shown}" for p in r.missing]
        notes += [f"Unusable workbook: {o.person.shown}" for o in r.unusable]
        notes += [f"Not on the roster: {Path(s.file).name}" for s in r.not_on_roster]
    slide = deck.add("Chart", title=titles.submissions(stats, summary), kicker=KICKER, notes=notes)
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        [s for s, _ in status],
        [n for _, n in status],
        highlight=[1, 2],
        series_name="Files",
        horizontal=False,
    )
    f = stats.findings
    side = []
    if r is not None:
        side += [
            Para(
                f"{tally(len(r.people), 'person', 'people')} on the roster",
                bold=True,
                color="brand",
            ),
            Para(f"{len(r.submitted)} submitted, {len(r.missing)} not yet"),
            Para(f"{len(r.unusable)} with an unusable workbook"),
            Para(f"{tally(len(r.not_on_roster), 'file')} not on the roster"),
        ]
    side += [
        Para(
            f"{tally(summary.files, 'file')} found",
            bold=True,
            color="brand",
            space_before=0.8 if r is not None else 0,
        ),
        Para(f"{tally(stats.participants, 'participant')} consolidated"),
        Para(f"{stats.with_errors} with errors to fix"),
        Para(
            f"{tally(len(summary.rejected), 'file')} rejected, {len(summary.duplicates)} superseded"
        ),
        Para("Findings", bold=True, color="brand", space_before=0.8),
        Para(f"{tally(f.get('error', 0), 'error')}, {tally(f.get('warning', 0), 'warning')}"),
    ]
    # Where the findings are, by sheet: a trainer reads sheet names, not the check's codes.
    common = stats.finding_sheets.most_common(3)
    if common:
        side.append(Para("Most findings on", bold=True, color="brand", space_before=0.8))
        side += [Para(f"{sheet}: {n}", bullet=True) for sheet, n in common]
    _side(deck, slide, side)


def _challenges(deck: Deck, stats: CohortStats, summary: CohortSummary) -> None:
    freq = [t for t in stats.frequencies() if t.count or t.theme in vocab.CHALLENGE_THEMES]
    top = set(summary.top)
    slide = deck.add(
        "Chart",
        title=titles.challenges(stats, summary),
        kicker=KICKER,
        notes=[summary.tie_rule],
    )
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        [label(t.theme) for t in freq],
        [t.count for t in freq],
        highlight=[i for i, t in enumerate(freq) if t.theme in top],
        series_name="Participants",
    )
    side = [Para("Top challenges", bold=True, color="brand")]
    side += [Para(f"{i}. {theme}") for i, theme in enumerate(summary.top, start=1)]
    if summary.tie_decided:
        positions = join_and(str(p) for p in summary.tie_decided)
        which = noun(len(summary.tie_decided), "Position")
        side.append(Para("Ties", bold=True, color="brand", space_before=0.8))
        side.append(
            Para(
                f"{which} {positions} decided by the tie rule: rank points "
                "(rank 1 = 3, 2 = 2, 3 = 1), then alphabetical order."
            )
        )
    _side(deck, slide, side)


def _who(m: Member) -> str:
    return f"{m.manager} ({m.label})" if m.manager else m.label


def _rooms(deck: Deck, stats: CohortStats, summary: CohortSummary, seed: int) -> None:
    placed = rooms_with_members(stats, summary.rooms, summary.roster)
    rows = []
    for room in placed:
        chose = [_who(m) for m in room.members if m.rank is not None]
        put = [_who(m) for m in room.members if m.rank is None]
        text = "; ".join(
            ([f"Picked it: {', '.join(chose)}"] if chose else [])
            + ([f"Did not pick it: {', '.join(put)}"] if put else [])
        )
        rows.append(
            [str(room.number), room.theme, f"{len(room.members)} ({room.picked} picked)", text]
        )
    table = grid.Table(
        columns=[
            grid.Column("Room", 0.6),
            grid.Column("Challenge", 2.4),
            grid.Column("People", 1.1),
            grid.Column("Manager (cluster)", 7.0),
        ],
        rows=rows,
        max_lines=8,
    )
    how = (
        PREFERENCE_RULE.format(seed=seed)
        if summary.rooms_by == "preference"
        else f"Assigned at random with seed {seed}; the same seed gives the same rooms."
    )
    grid.paged(
        deck,
        "Table",
        "Body",
        title=titles.rooms(summary),
        kicker=KICKER,
        notes=[
            how,
            "The next slides are the room briefs: each member's own note on the room's challenge.",
        ],
        table=table,
    )
    for room in placed:
        _room_brief(deck, room)


def _room_brief(deck: Deck, room: Room) -> None:
    rows = [
        [
            m.manager or "-",
            m.label,
            f"Yes, ranked {m.rank}" if m.rank is not None else "No",
            m.note or ("(no note)" if m.rank is not None else "(did not rank it)"),
        ]
        for m in sorted(room.members, key=lambda m: (m.rank is None, m.rank or 0, m.label))
    ]
    grid.paged(
        deck,
        "Table",
        "Body",
        title=titles.room_brief(room),
        kicker=f"Breakout room {room.number}",
        notes=[
            "The room brief: the members' own notes on this challenge, from their Challenges sheet."
        ],
        table=grid.Table(
            columns=[
                grid.Column("Manager", 2.0),
                grid.Column("Cluster", 2.6),
                grid.Column("Picked it", 1.3),
                grid.Column("Their note on this challenge", 6.0),
            ],
            rows=rows or [["-", "-", "-", "nobody is in this room"]],
            max_lines=4,
        ),
    )


def _pitch(deck: Deck, stats: CohortStats, summary: CohortSummary) -> None:
    groups = pitch_groups_of(stats, summary.pitch, summary.roster)
    # Other members by their manager's name: the reason fits the slide and is said aloud.
    called = {m.label: m.manager or m.label for g in groups for m in g.members}
    rows = []
    for g in groups:
        for i, m in enumerate(g.members):
            rows.append(
                [
                    str(g.number) if i == 0 else "",
                    _who(Member(m.label, m.manager, None, "")),
                    m.country or "-",
                    cap(m.reason.text(lambda label: called[label])),
                ]
            )
    grid.paged(
        deck,
        "Table",
        "Body",
        title=titles.pitch_groups(groups),
        kicker="Day 3: pitch groups",
        notes=[PITCH_RULE.format(size=summary.pitch_size)],
        table=grid.Table(
            columns=[
                grid.Column("Group", 0.7),
                grid.Column("Manager (cluster)", 3.6),
                grid.Column("Country", 0.9),
                grid.Column("Why in this group", 6.8),
            ],
            rows=rows,
            size=9,
            max_lines=3,
        ),
    )


def _top_items(counter_items: Sequence[tuple[str, int]]) -> str:
    return "; ".join(f"{item} ({n})" for item, n in counter_items) or "-"


NONE_SHARED = "none shared"


def _shared(themes: Sequence[Theme]) -> list[Theme]:
    """A theme is what two or more participants share; an item of one is no theme to show."""
    return [t for t in themes if t.participants > 1]


def _top_themes(themes: Sequence[Theme], n: int) -> str:
    """'Website (13); LinkedIn (5)': the themes most participants share, how many in brackets;
    'none shared' when no two participants wrote the same."""
    top = [(t.label, t.participants) for t in _shared(themes)[:n]]
    return _top_items(top) if top else NONE_SHARED


def _wording(theme: Theme) -> str:
    """A theme in the trainer's notes: its label and count, then each member's own words and
    who wrote them."""
    said = "; ".join(f"“{text}” ({', '.join(who)})" for text, who in theme.wordings())
    return f"{theme.label} ({theme.participants}): {said}"


def _theme_notes(area: str, themes: Sequence[Theme], n: int) -> list[str]:
    return [f"{area}: {_wording(t)}" for t in themes[:n] if t.participants > 1]


def _canvas_items(deck: Deck, stats: CohortStats) -> None:
    now, later = vocab.HORIZONS["current"], vocab.HORIZONS["future"]
    rows = []
    notes = [
        "In brackets: how many participants wrote an item of the theme, each in their own words "
        f"(the cohort workbook's Themes sheet lists them). {THEME_RULE}"
    ]
    for key, title, _group in vocab.CANVAS_BLOCKS:
        del key
        today = stats.themes_of(canvas_area(now, title))
        future = stats.themes_of(canvas_area(later, title))
        rows.append([title, _top_themes(today, 3), _top_themes(future, 3)])
        notes += _theme_notes(canvas_area(now, title), today, 3)
        notes += _theme_notes(canvas_area(later, title), future, 3)
    grid.paged(
        deck,
        "Table",
        "Body",
        title=titles.canvas_items(stats),
        kicker=KICKER,
        notes=notes,
        table=grid.Table(
            columns=[
                grid.Column("Block", 2.2),
                grid.Column("Now: most common themes", 5.0),
                grid.Column("In 5 years: most common themes", 5.0),
            ],
            rows=rows,
            size=9,
            max_lines=3,
        ),
    )


def _canvas_changes(deck: Deck, stats: CohortStats) -> None:
    blocks = [title for _, title, _ in vocab.CANVAS_BLOCKS]
    counts = [stats.blocks_changed.get(b, 0) for b in blocks]
    ranked = sorted(range(len(blocks)), key=lambda i: -counts[i])[:3]
    slide = deck.add(
        "Chart",
        title=titles.canvas_changes(stats),
        kicker=KICKER,
        notes=[f"New in {b}: {_top_themes(stats.themes_of(added_area(b)), 5)}" for b in blocks]
        + [
            n
            for b in blocks
            for n in _theme_notes(added_area(b), stats.themes_of(added_area(b)), 5)
        ],
    )
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        blocks,
        counts,
        highlight=[i for i in ranked if counts[i]],
        series_name="Participants",
    )
    side = [Para("New items shared by 2+", bold=True, color="brand")]
    listed = False
    for i in ranked:
        best = _shared(stats.themes_of(added_area(blocks[i])))[:2]
        if best:
            listed = True
            side.append(Para(blocks[i], bold=True, space_before=0.5))
            side += [Para(f"{t.label} ({t.participants})", bullet=True) for t in best]
    if not listed:
        # The truth, not a list of items one participant each wrote.
        side.append(Para("None: in these blocks no two participants add the same item"))
    side.append(Para("Listed changes", bold=True, color="brand", space_before=0.8))
    side.append(Para(f"{tally(stats.changes, 'change')}, {stats.short_term_changes} short-term"))
    _side(deck, slide, side)


def _actions(deck: Deck, stats: CohortStats) -> None:
    quads = list(vocab.QUADRANTS)
    slide = deck.add("Chart", title=titles.actions(stats), kicker=KICKER)
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        quads,
        [stats.quadrants.get(q, 0) for q in quads],
        highlight=[0],
        series_name="Actions",
        horizontal=False,
    )
    quick = stats.quadrants.get(vocab.QUICK_WIN, 0)
    side = [
        Para(tally(stats.actions, "action"), bold=True, color="brand"),
        Para(f"{_pct(quick, stats.actions)} are quick wins"),
        Para(f"{stats.with_quick_win} of {stats.participants} participants have a quick win"),
        Para("Status", bold=True, color="brand", space_before=0.8),
    ]
    side += [Para(f"{s}: {stats.action_status.get(s, 0)}", bullet=True) for s in vocab.STATUSES]
    _side(deck, slide, side)


def _deadlines(deck: Deck, stats: CohortStats) -> None:
    months = titles.dated_months(stats)
    undated = sum(n for m, n in stats.finish_months.items() if not m[:1].isdigit())
    slide = deck.add("Chart", title=titles.deadlines(stats), kicker=KICKER)
    values = [stats.finish_months[m] for m in months]
    busiest = _largest(values)
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        [_month(m) for m in months] or ["(none)"],
        values or [0],
        highlight=busiest,
        series_name="Plan steps",
        horizontal=False,
    )
    side = [
        Para(f"{tally(stats.plan_steps, 'plan step')}", bold=True, color="brand"),
        Para(f"{undated} without a date (no plan start)"),
    ]
    # "Most named" only for people named in more than one plan: a list of ones ranks nobody.
    owners = [(who, n) for who, n in stats.responsible.most_common(3) if n > 1]
    if owners:
        side.append(Para("Most named owners", bold=True, color="brand", space_before=0.8))
        side += [Para(f"{who} ({n})", bullet=True) for who, n in owners]
    _side(deck, slide, side)


def _largest(values: Sequence[int]) -> list[int]:
    """The bars to highlight: those of the largest value; none when every value is 0."""
    top = max(values, default=0)
    return [i for i, v in enumerate(values) if v == top and top]


def _month(key: str) -> str:
    try:
        day = dt.date.fromisoformat(f"{key}-01")
    except ValueError:
        return key
    return f"{day:%b %Y}"


def _services(deck: Deck, stats: CohortStats) -> None:
    fin = list(vocab.FINANCING) + sorted(set(stats.financing) - set(vocab.FINANCING))
    slide = deck.add("Chart", title=titles.services(stats), kicker=KICKER)
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        [label(f) for f in fin],
        [stats.financing.get(f, 0) for f in fin],
        series_name="Services",
    )
    decisions: Counter[str] = stats.decisions
    side = [
        Para(tally(stats.services, "service"), bold=True, color="brand"),
        Para("Planned decisions", bold=True, color="brand", space_before=0.8),
    ]
    side += [Para(f"{d}: {decisions.get(d, 0)}", bullet=True) for d in vocab.DECISIONS]
    side.append(Para("Turning fee-based", bold=True, color="brand", space_before=0.8))
    side.append(
        Para(
            f"{stats.turning_fee_based} of {stats.participants} participants make a service "
            "fee-based"
        )
    )
    side.append(
        Para(
            f"{tally(stats.matrix_terminate_or_fee, 'service')}: high effort, low value "
            "(terminate or make fee-based)"
        )
    )
    _side(deck, slide, side)


def _needs(deck: Deck, stats: CohortStats) -> None:
    shared = stats.shared_needs()
    # Every field of the vocabulary gets its bar, none named shows as 0: a cohort without needs
    # still has a chart to show, and the fields nobody named are part of the picture.
    named = {name for name, _, _ in shared}
    bars = [*shared, *((f, 0, 0) for f in vocab.NEED_FIELDS if f not in named)]
    slide = deck.add("Chart", title=titles.needs(stats), kicker=KICKER)
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        [label(name) for name, _, _ in bars],
        [n for _, n, _ in bars],
        series_name="Clusters",
    )
    side = [
        Para(tally(stats.needs, "key member need"), bold=True, color="brand"),
        Para(f"listed by {stats.with_needs} of {stats.participants} participants"),
        Para("Clusters with no service for it", bold=True, color="brand", space_before=0.8),
    ]
    side += [Para(f"{name}: {gaps} of {n}", bullet=True) for name, n, gaps in shared[:5]]
    side.append(
        Para(
            "Each need field counted once per cluster, from the Member needs sheets.",
            italic=True,
            color="muted",
            space_before=0.8,
        )
    )
    _side(deck, slide, side)


def _trends(deck: Deck, stats: CohortStats) -> None:
    """Pressing trends (high influence, low competence) by PESTEL group, the most shared ones."""
    groups = list(vocab.PESTEL)
    values = [stats.pressing_by_group.get(g, 0) for g in groups]
    slide = deck.add(
        "Chart",
        title=titles.trends(stats),
        kicker=KICKER,
        notes=[
            "Pressing: a trend rated influence 4-5 and competence 1-2 on a participant's trend "
            "radar. Counted per PESTEL group; the same trend named by several participants "
            "(case and spacing ignored) on the right."
        ],
    )
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        groups,
        values,
        highlight=_largest(values),
        series_name="Pressing trends",
    )
    side = [
        Para(tally(stats.trends, "trend"), bold=True, color="brand"),
        Para(f"{stats.pressing} pressing, {stats.pressing_open} without an answer in the plan"),
        Para("Pressing trends shared by 2+", bold=True, color="brand", space_before=0.8),
    ]
    # shared means two or more, as for the themes: one cluster's trend is not a pattern
    shared = [(name, n) for name, n in stats.pressing_trends.most_common(5) if n > 1]
    side += [Para(f"{name} ({n})", bullet=True) for name, n in shared]
    if not shared:
        # "each is one participant's" is only true when there is a pressing trend at all
        none = "None: each pressing trend is one participant's" if stats.pressing else "None yet"
        side.append(Para(none, italic=True, color="muted"))
    _side(deck, slide, side)


def _competencies(deck: Deck, stats: CohortStats) -> None:
    """Participants with a gap in each field of competence, and how many no step closes."""
    fields = list(vocab.COMPETENCE_NAMES)
    values = [stats.gaps.get(f, 0) for f in fields]
    slide = deck.add(
        "Chart",
        title=titles.competencies(stats),
        kicker=KICKER,
        notes=[
            "A gap: a participant's target level in the field is above its current level "
            "(Competencies sheet). Open: no step of the participant's action plan closes it."
        ],
    )
    charts.bar(
        slide,
        deck.take(slide, "Chart"),
        fields,
        values,
        highlight=_largest(values),
        series_name="Participants with a gap",
    )
    side = [
        Para(
            f"{stats.assessed} of {tally(stats.participants, 'participant')} assessed",
            bold=True,
            color="brand",
        ),
        Para("Gaps no plan step closes", bold=True, color="brand", space_before=0.8),
    ]
    # a field nobody has a gap in has nothing to close: left out, not "0 of 0"
    side += [
        Para(f"{f}: {stats.gaps_open.get(f, 0)} of {stats.gaps[f]}", bullet=True)
        for f in fields
        if stats.gaps.get(f)
    ]
    _side(deck, slide, side)


MAX_THEME_ROWS = 10  # one slide; the notes and the Themes sheet have every shared theme


def _themes(deck: Deck, stats: CohortStats) -> None:
    found = [
        (t, area) for area in titles.PLAN_AREAS for t in stats.themes_of(area) if t.participants > 1
    ]
    found.sort(key=lambda ta: (-ta[0].participants, ta[0].label.casefold(), ta[1]))
    rows = [
        [
            t.label,
            titles.PLAN_AREAS[area].capitalize(),
            str(t.participants),
            "; ".join(text for text, _ in t.wordings()),
        ]
        for t, area in found[:MAX_THEME_ROWS]
    ]
    shown = (
        f"The {len(rows)} most shared of {len(found)} shared themes."
        if len(found) > len(rows)
        else f"All {len(found)} shared themes."
    )
    notes = [
        f"{shown} People: how many participants wrote an item of the theme. {THEME_RULE}",
        *(f"{titles.PLAN_AREAS[area].capitalize()}: {_wording(t)}" for t, area in found),
    ]
    grid.paged(
        deck,
        "Table",
        "Body",
        title=titles.shared_themes(stats),
        kicker=KICKER,
        notes=notes,
        table=grid.Table(
            columns=[
                grid.Column("Theme", 3.2),
                grid.Column("Where", 2.0),
                grid.Column("People", 0.9),
                grid.Column("In their own words", 5.6),
            ],
            rows=rows or [["-", "-", "0", "No theme is shared by two participants yet"]],
            size=9,
            max_lines=2,
        ),
    )


def _rules(deck: Deck, summary: CohortSummary) -> None:
    slide = deck.add("Closing", title=titles.RULES, kicker=KICKER)
    deck.text(
        slide,
        "Body",
        [
            Para("Challenges", bold=True, color="brand"),
            Para(summary.tie_rule),
            Para("Resubmissions", bold=True, color="brand", space_before=0.8),
            Para(RULE),
            Para("Details", bold=True, color="brand", space_before=0.8),
            Para(
                "Every list, with the file, sheet and cell each value came from, is in the "
                "cohort workbook."
            ),
        ],
        max_size=16,
    )
