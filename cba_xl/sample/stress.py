"""A participant who wrote far too much: the case for slide overflow and table paging tests.

40 plan steps, 40 actions, every table at or past the template's capacity, many cells of about
300 characters, in Polish, Greek and Bulgarian (real sentences about cluster work), and a very
long cluster name. It passes the check without errors, so every slide gets built.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Final

from cba_xl.core import vocab
from cba_xl.core.models import ChallengePick, Homework, Profile
from cba_xl.sample import build
from cba_xl.spec import LAYOUT, TEMPLATE_VERSION

CLUSTER: Final = (
    "Dolnośląski Klaster Innowacji Spożywczych, Opakowań Przyjaznych Środowisku "
    "i Gospodarki o Obiegu Zamkniętym"
)
STEPS: Final = 40
ACTIONS: Final = 40
LONG: Final = 300  # characters in a long cell

POLISH: Final = (
    "Klaster wspiera małe i średnie przedsiębiorstwa z regionu w transformacji cyfrowej poprzez "
    "wspólne projekty badawcze, szkolenia dla pracowników oraz dostęp do laboratoriów partnerów "
    "naukowych.",
    "Podczas kwartalnych spotkań członkowie wymieniają się doświadczeniami, planują wspólne "
    "wyjazdy na targi zagraniczne i zgłaszają potrzeby, na które zespół zarządzający odpowiada "
    "nowymi usługami.",
    "Do końca przyszłego roku chcemy przekształcić doradztwo w zakresie śladu węglowego w "
    "odpłatną usługę, zachowując obniżone stawki dla najmniejszych firm członkowskich.",
    "Współpraca z urzędem marszałkowskim i uczelniami technicznymi pozwala nam przygotowywać "
    "wnioski do programów europejskich, w których klaster pełni rolę koordynatora konsorcjum.",
)
GREEK: Final = (
    "Ο σύνδεσμος συνεργάζεται με πανεπιστήμια και ερευνητικά κέντρα, ώστε οι μικρομεσαίες "
    "επιχειρήσεις να αναπτύσσουν νέα προϊόντα και να εισέρχονται σε διεθνείς αγορές.",
    "Κάθε τρίμηνο οργανώνουμε συναντήσεις των μελών, όπου συζητάμε τις ανάγκες τους, "
    "παρουσιάζουμε ευκαιρίες χρηματοδότησης και σχεδιάζουμε κοινές συμμετοχές σε εκθέσεις.",
    "Στόχος μας είναι να μειωθεί η εξάρτηση από τη δημόσια χρηματοδότηση, προσφέροντας "
    "υπηρεσίες επί πληρωμή με χαμηλότερες τιμές για τις μικρότερες επιχειρήσεις.",
    "Η ομάδα διαχείρισης του συνεργατικού σχηματισμού ενημερώνει τακτικά τα μέλη για τις νέες "
    "ευρωπαϊκές προσκλήσεις και βοηθά στη δημιουργία διακρατικών κοινοπραξιών.",
)
BULGARIAN: Final = (
    "Клъстерът обединява малки и средни предприятия, университети и общини, за да развива "
    "съвместни проекти в областта на възобновяемата енергия и дигиталните услуги.",
    "Всеки месец организираме срещи на членовете, на които обсъждаме техните нужди, "
    "представяме възможности за финансиране и планираме участие в международни изложения.",
    "До края на следващата година искаме да въведем платени услуги за енергийни одити, като "
    "запазим по-ниски цени за най-малките фирми членове.",
    "Екипът за управление на клъстера помага на членовете да намират партньори в други "
    "европейски държави и да подготвят проектни предложения.",
)
LANGUAGES: Final = (POLISH, GREEK, BULGARIAN)
SHORT: Final = (
    "Wspólne stoisko na targach w Kolonii",
    "Συνάντηση με το περιφερειακό ταμείο",
    "Обучение за енергийна ефективност",
    "Mapa kompetencji członków klastra",
    "Κοινή πλατφόρμα κρατήσεων",
    "Дигитален каталог на членовете",
)


def long_text(i: int) -> str:
    """About LONG characters of one language (rotating by i): whole sentences, the last one cut
    at a word and ended with an ellipsis, as when a participant's text runs on."""
    sentences = LANGUAGES[i % 3]
    first = i // 3 % len(sentences)
    joined = " ".join(itertools.islice(itertools.cycle(sentences), first, first + 2))
    cut = joined[: LONG - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def text(i: int) -> str:
    """Every other cell long, the rest short: tables with uneven row heights."""
    return long_text(i) if i % 2 == 0 else f"{SHORT[i % len(SHORT)]} ({i + 1})"


def _canvas(offset: int) -> dict[str, list[str]]:
    spec = LAYOUT.canvases["current"]
    return {
        b.key: [text(offset + 7 * k + n) for n in range(b.items)] for k, b in enumerate(spec.blocks)
    }


def stress_homework() -> Homework:
    start = dt.date(2025, 2, 3)
    hw = Homework(
        template_version=TEMPLATE_VERSION,
        profile=Profile(
            cluster_name=CLUSTER,
            region="Dolnośląskie (Dolny Śląsk) i pogranicze polsko-czesko-niemieckie",
            country="PL",
            ecosystem="Agri-food",
            members=412,
            founding_year=2009,
            manager_name="Małgorzata Przybyszewska-Wąsowicz",
            manager_email="malgorzata.przybyszewska@dolnoslaski-klaster-spozywczy.example",
            staff_fte=11.5,
            budget_eur=2_350_000.0,
            share_public=27.5,
            share_fees=31.5,
            share_services=18.0,
            share_projects=23.0,
        ),
    )
    hw.challenges = [
        ChallengePick(rank=r, theme=t, note=long_text(r))
        for r, t in enumerate(vocab.CHALLENGE_THEMES[:3], start=1)
    ]
    current = _canvas(0)
    future = {k: v if k in ("members", "funding_partners") else [] for k, v in current.items()}
    for key, items in _canvas(1).items():
        future[key] = future[key] or items
    hw.canvas_current = build.canvas("current", current)
    hw.canvas_future = build.canvas("future", future)
    keys = vocab.CANVAS_BLOCK_KEYS
    capacity = {name: spec.capacity for name, spec in LAYOUT.tables.items()}
    hw.changes = [
        build.change(
            i,
            text(i),
            keys[i % len(keys)],
            i + 1 if i < 3 else None,
            i == 0 if i < 3 else None,
            long_text(i + 1),
        )
        for i in range(capacity["changes"])
    ]
    hw.services = [
        build.service(
            i,
            text(i),
            SHORT[i % len(SHORT)],
            vocab.FINANCING[i % 3],
            1 + i % 5,
            1 + (i * 2) % 5,
            None if i % 4 == 0 else 1 + (i * 2 + 1) % 5,
            vocab.DECISIONS[i % 5],
        )
        for i in range(capacity["services"])
    ]
    for s in hw.services:  # keep decisions the profitability matrix accepts
        if s.effort and s.value and s.effort >= 4 and s.value <= 2:
            s.decision = "Make fee-based"
        if s.rating is not None and s.value is not None and abs(s.value - s.rating) >= 2:
            s.rating = s.value
    hw.actions = [
        build.action(
            i, text(i), vocab.HIGH_LOW[i % 2], vocab.HIGH_LOW[i // 2 % 2], vocab.STATUSES[i % 3]
        )
        for i in range(ACTIONS)
    ]
    hw.goals = [
        build.goal(
            i,
            f"G{i // 3 + 1}" if i % 3 == 0 else f"G{i // 3 + 1}.{i % 3}",
            long_text(i),
            SHORT[i % len(SHORT)],
            float(10 * (i + 1)),
            "Małgorzata Przybyszewska-Wąsowicz" if i % 2 else "Κωνσταντίνα Παπαδημητρίου",
            start + dt.timedelta(days=120 + 20 * i),
            "" if i % 3 == 0 else f"G{i // 3 + 1}",
        )
        for i in range(capacity["goals"])
    ]
    hw.plan_start = start
    hw.plan = []
    for i in range(STEPS):
        after = [i] if i % 5 else []  # chains of five steps, each after the one before
        if i >= 10 and i % 10 == 0:
            after.append(i - 5)
        hw.plan.append(
            build.plan_step(
                i,
                text(i),
                ("Małgorzata Przybyszewska-Wąsowicz", "Георги Христов Петров", "Ελένη Βλάχου")[
                    i % 3
                ],
                long_text(i + 1) if i % 3 == 0 else "Zarząd klastra, członkowie",
                long_text(i + 2) if i % 4 == 0 else "Budżet 15 000 EUR",
                long_text(i + 3),
                deadline=start + dt.timedelta(days=30 * (i + 1)) if i % 2 else None,
                duration=0 if i % 5 == 4 else 25,
                milestone=i % 5 == 4,
                after=after,
            )
        )
    hw.raci_people = build.raci_people(
        [
            ["Małgorzata Przybyszewska-Wąsowicz", "Георги Петров", "Ελένη Βλάχου", "Zarząd"],
            ["Członkowie MŚP", "Μέλη του δικτύου", "Членове", "Rada programowa"],
            ["Urząd Marszałkowski", "Πανεπιστήμιο", "Община Пловдив", "ECCP"],
        ]
    )
    pattern = build.parse_roles("A R C I | I . R . | . I . C")
    hw.raci = [
        build.raci_row(i, text(i), pattern[-(i % 4) :] + pattern[: -(i % 4)] if i % 4 else pattern)
        for i in range(LAYOUT.raci.capacity)
    ]
    return hw


__all__ = ["ACTIONS", "CLUSTER", "STEPS", "long_text", "stress_homework"]
