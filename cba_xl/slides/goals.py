"""The SMART goals slide: the goal tree (parent → sub-goals) as the academy's "SMART goals tree
diagram", drawn left to right with native shapes and connectors, each box with the goal, its
number, owner, deadline and what the SMART check says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx.enum.shapes import MSO_CONNECTOR
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Pt

from cba_xl.core.models import Goal
from cba_xl.core.rules.smart import (
    AFTER_START,
    DEADLINE,
    NUMBER,
    OWNER,
    late_sub_goals,
    smart_missing,
    smart_text,
)
from cba_xl.slides.brand import short_date
from cba_xl.slides.context import Ctx
from cba_xl.slides.deck import ROLES, Rect
from cba_xl.slides.fitting import Para
from cba_xl.spec import layout as sheets

GAP_X = 0.22  # share of a column left for the connectors between levels
GAP_Y = 0.12  # share of a slot left between boxes
MAX_BOX_H = 1_100_000  # EMU (about 1.2 in): few goals do not become huge boxes


@dataclass(frozen=True)
class Node:
    """Where one goal sits in the tree: its level (0 = top goal), its parent's index, and the
    vertical slot it takes, in leaf slots (a parent spans its sub-goals)."""

    index: int
    depth: int
    parent: int | None
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _parents(goals: Sequence[Goal]) -> list[int | None]:
    """Each goal's parent index; unknown, ambiguous or looping parents make it a top goal (the
    check reports those links)."""
    ids = Counter(g.goal_id.strip().casefold() for g in goals if g.goal_id.strip())
    index = {g.goal_id.strip().casefold(): i for i, g in enumerate(goals) if g.goal_id.strip()}
    parent: list[int | None] = []
    for i, g in enumerate(goals):
        key = g.parent.strip().casefold()
        p = index.get(key) if key and ids[key] == 1 else None
        parent.append(None if p == i else p)
    for i in range(len(goals)):  # break loops: a goal that is its own ancestor becomes a root
        seen, node = {i}, parent[i]
        while node is not None and node not in seen:
            seen.add(node)
            node = parent[node]
        if node is not None:
            parent[i] = None
    return parent


def tree_layout(goals: Sequence[Goal]) -> list[Node]:
    """The goals as a left-to-right tree, in the workbook's order among siblings."""
    parent = _parents(goals)
    children: dict[int | None, list[int]] = {}
    for i, p in enumerate(parent):
        children.setdefault(p, []).append(i)
    nodes: dict[int, Node] = {}
    next_slot = 0.0

    def place(i: int, depth: int) -> Node:
        nonlocal next_slot
        kids = [place(k, depth + 1) for k in children.get(i, [])]
        if kids:
            node = Node(i, depth, parent[i], kids[0].top, kids[-1].bottom)
        else:
            node = Node(i, depth, parent[i], next_slot, next_slot + 1)
            next_slot += 1
        nodes[i] = node
        return node

    for root in children.get(None, []):
        place(root, 0)
    return [nodes[i] for i in range(len(goals))]


def _kind(criterion: str) -> str:
    """A criterion as the gap it names on the title ('an action word instead of ...' and 'a
    metric behind ...' are each one kind)."""
    if criterion in (NUMBER, OWNER, DEADLINE, AFTER_START):
        return criterion
    return "an action word" if criterion.startswith("an action word") else "a metric"


def goals_data(ctx: Ctx) -> dict[str, Any]:
    """What the goals slide's words are computed from (the tests read it too)."""
    goals = ctx.hw.goals
    missing = [smart_missing(g, ctx.hw.plan_start) for g in goals]
    kinds = Counter(k for miss in missing for k in dict.fromkeys(_kind(m) for m in miss))
    late = late_sub_goals(goals)
    return {
        "goals": len(goals),
        "smart": sum(1 for m in missing if not m),
        # Most common first; equal counts in the order the check lists criteria.
        "gaps": kinds.most_common(),
        "late": len(late),
        "late_pairs": [(g.goal_id, p.goal_id) for g, p in late],
        "dated_start": ctx.hw.plan_start is not None,
        "table": [_table_line(g, m) for g, m in zip(goals, missing, strict=True)],
    }


def _table_line(g: Goal, missing: list[str]) -> str:
    parts = [g.goal_id or "(no ID)", g.goal]
    if g.metric or g.target is not None:
        target = "" if g.target is None else f"{g.target:,g}"
        parts.append(": ".join(t for t in (g.metric, target) if t))
    parts += [g.owner, short_date(g.deadline) if g.deadline else ""]
    if g.parent:
        parts.append(f"under {g.parent}")
    parts.append(smart_text(missing))
    return " · ".join(p for p in parts if p)


def goals_slide(ctx: Ctx) -> None:
    goals = ctx.hw.goals
    data = goals_data(ctx)
    slide = ctx.add("Table", "goals", "goals", data, [sheets.GOALS])
    area = ctx.deck.take(slide, "Body")
    if not goals:
        ctx.deck.textbox(
            slide,
            area,
            [Para(ctx.words.sentence("goals", "empty", data), italic=True, color="muted")],
            max_size=14,
        )
        return
    nodes = tree_layout(goals)
    late = {id(g) for g, _ in late_sub_goals(goals)}
    boxes = _boxes(area, nodes)
    shapes: dict[int, Any] = {}
    for node in nodes:
        g = goals[node.index]
        missing = smart_missing(g, ctx.hw.plan_start)
        shapes[node.index] = _goal_box(ctx, slide, boxes[node.index], g, missing, id(g) in late)
    for node in nodes:
        if node.parent is not None:
            _connect(slide, shapes[node.parent], shapes[node.index])


def _boxes(area: Rect, nodes: Sequence[Node]) -> dict[int, Rect]:
    levels = max(n.depth for n in nodes) + 1
    slots = max(n.bottom for n in nodes)
    col_w = area.w / levels
    slot_h = area.h / slots
    box_w = int(col_w * (1 - GAP_X)) if levels > 1 else int(min(col_w, area.w * 0.6))
    box_h = int(min(slot_h * (1 - GAP_Y), MAX_BOX_H))
    out = {}
    for n in nodes:
        x = area.x + int(n.depth * col_w)
        y = area.y + int(n.middle * slot_h - box_h / 2)
        out[n.index] = Rect(x, y, box_w, box_h)
    return out


def _goal_box(ctx: Ctx, slide: Any, area: Rect, g: Goal, missing: list[str], late: bool) -> Any:
    facts = []
    if g.metric or g.target is not None:
        target = "" if g.target is None else f"{g.target:,g}"
        facts.append(": ".join(t for t in (g.metric, target) if t))
    facts += [g.owner, short_date(g.deadline) if g.deadline else ""]
    check = smart_text(missing)
    if late:
        check += "; " + ctx.words.sentence("goals", "late_box", {"parent": g.parent})
    ok = not missing and not late
    head = Para(f"{g.goal_id}  {g.goal}".strip(), bold=True, color="title")
    detail = Para(" · ".join(f for f in facts if f), scale=0.85, color="text")
    verdict = Para(check, scale=0.85, italic=not ok, color="financing" if ok else "alert")
    # What a goal lacks comes before its details: in a small box the fitter drops the last
    # lines first (into the notes), and the gap is what the slide is about.
    paras = [head, detail, verdict] if ok else [head, verdict, detail]
    ctx.deck.textbox(
        slide,
        area,
        [p for p in paras if p.text],
        max_size=11,
        min_size=6.5,
        name=f"Goal {g.goal_id}".strip(),
        fill="panel",
        anchor=MSO_ANCHOR.MIDDLE,
    )
    box = slide.pptx.shapes[-1]
    box.line.color.theme_color = ROLES["financing" if ok else "alert"]
    box.line.width = Pt(1.25)
    return box


def _connect(slide: Any, parent: Any, child: Any) -> None:
    """An elbow connector glued to the parent's right side and the child's left side, so it
    follows the boxes when they are moved in PowerPoint."""
    line = slide.pptx.shapes.add_connector(
        MSO_CONNECTOR.ELBOW,
        Emu(parent.left + parent.width),
        Emu(parent.top + parent.height // 2),
        Emu(child.left),
        Emu(child.top + child.height // 2),
    )
    line.begin_connect(parent, 3)
    line.end_connect(child, 1)
    line.line.color.theme_color = ROLES["muted"]
    line.line.width = Pt(1.25)
    line.name = "Goal link"
