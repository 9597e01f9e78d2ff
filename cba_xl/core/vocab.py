"""The closed vocabularies of the academy's tools: every workbook dropdown comes from here."""

from __future__ import annotations

from typing import Final

# The EU's 14 industrial ecosystems (Annual Single Market Report 2021).
ECOSYSTEMS: Final = (
    "Aerospace & Defence",
    "Agri-food",
    "Construction",
    "Cultural & Creative Industries",
    "Digital",
    "Electronics",
    "Energy-Intensive Industries",
    "Energy - Renewables",
    "Health",
    "Mobility - Transport - Automotive",
    "Proximity, Social Economy & Civil Security",
    "Retail",
    "Textile",
    "Tourism",
)

# ISO 3166 alpha-2 codes of the countries whose clusters the academy serves: the EU, the EEA,
# and the Single Market Programme's associated countries.
COUNTRIES: Final = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
    "IS": "Iceland",
    "LI": "Liechtenstein",
    "NO": "Norway",
    "AL": "Albania",
    "AM": "Armenia",
    "BA": "Bosnia and Herzegovina",
    "GE": "Georgia",
    "XK": "Kosovo",
    "MD": "Moldova",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "RS": "Serbia",
    "TN": "Tunisia",
    "TR": "Türkiye",
    "UA": "Ukraine",
    "CH": "Switzerland",
    "GB": "United Kingdom",
}

# What the dropdown shows: the code first, so the reader can always recover it.
COUNTRY_CHOICES: Final = tuple(f"{code} - {name}" for code, name in COUNTRIES.items())

CHALLENGE_THEMES: Final = (
    "Attracting & retaining members",
    "Digitalization",
    "Service innovation",
    "Financial sustainability",
    "Measuring growth and success",
    "Governance and organisational structures",
    "Cross-country/sector collaboration",
    "Stakeholder engagement and collaboration",
    "Marketing and visibility",
    "Sustainability transformation",
)

HIGH_LOW: Final = ("High", "Low")
STATUSES: Final = ("Not started", "In progress", "Done")
FINANCING: Final = ("Included in membership fee", "Fee-based", "Subsidised")
DECISIONS: Final = ("Keep", "Change", "Terminate", "Initiate", "Make fee-based")
YES_NO: Final = ("Yes", "No")
PRIORITIES: Final = ("1", "2", "3")

RACI_LETTERS: Final = ("R", "A", "C", "I")
# The dropdown offers the single roles and the combinations the academy's example uses; the
# reader accepts any combination of the four letters.
RACI_CHOICES: Final = ("R", "A", "C", "I", "R/A", "A/C", "A/I", "R/C", "R/I", "C/I")
RACI_GROUPS: Final = ("Cluster management", "Cluster members", "Other stakeholders")

BUSINESS_DEVELOPMENT: Final = "Business development related"
FINANCING_GROUP: Final = "Financing related"

# The 14 blocks of the cluster Business Model Canvas (GIZ Cluster Business Model Guide 2021).
CANVAS_BLOCKS: Final = (
    ("partners", "Key stakeholders & partners", BUSINESS_DEVELOPMENT),
    ("ecosystem", "Key ecosystem & clusters", BUSINESS_DEVELOPMENT),
    ("activities", "Cluster activities", BUSINESS_DEVELOPMENT),
    ("resources", "Cluster resources", BUSINESS_DEVELOPMENT),
    ("value_proposition", "Cluster value proposition", BUSINESS_DEVELOPMENT),
    ("engagement", "Member engagement", BUSINESS_DEVELOPMENT),
    ("channels", "Channels", BUSINESS_DEVELOPMENT),
    ("members", "Cluster members", BUSINESS_DEVELOPMENT),
    ("potential_members", "Potential cluster members", BUSINESS_DEVELOPMENT),
    ("funding_partners", "Funding partners", FINANCING_GROUP),
    ("cost_structure", "Cost structure", FINANCING_GROUP),
    ("public_funding", "Public funding", FINANCING_GROUP),
    ("private_funding", "Private funding", FINANCING_GROUP),
    ("project_funding", "Project funding", FINANCING_GROUP),
)
CANVAS_BLOCK_KEYS: Final = tuple(key for key, _, _ in CANVAS_BLOCKS)
CANVAS_BLOCK_TITLES: Final = {key: title for key, title, _ in CANVAS_BLOCKS}
CANVAS_BLOCK_GROUPS: Final = {key: group for key, _, group in CANVAS_BLOCKS}
MEMBER_SEGMENT_BLOCKS: Final = ("members", "potential_members")
FUNDING_BLOCKS: Final = ("funding_partners", "public_funding", "private_funding", "project_funding")

QUICK_WIN: Final = "Quick win"
MAJOR_PROJECT: Final = "Major project"
FILL_IN: Final = "Fill-in"
THANKLESS_TASK: Final = "Thankless task"
QUADRANTS: Final = (QUICK_WIN, MAJOR_PROJECT, FILL_IN, THANKLESS_TASK)

HORIZONS: Final = {"current": "Current", "future": "In 5 years"}

# --- Member needs, vision and mission, communication (issue 14) ---------------------------
# The fields a key member's need belongs to, so that needs many clusters share can be counted
# across a cohort (design: the academy's "need-based fields among members", named after the
# services its slides show: matchmaking, training, internationalisation, technology transfer,
# joint purchasing, contact with public authorities, common brands).
NEED_FIELDS: Final = (
    "Access to funding",
    "Skills and talent",
    "Innovation and technology transfer",
    "Digitalisation",
    "Internationalisation and new markets",
    "Matchmaking and networking",
    "Green transition",
    "Visibility and marketing",
    "Policy and regulation",
    "Shared infrastructure and purchasing",
)
# The academy's success factors of a vision and a mission, in the slides' order and words.
SUCCESS_FACTORS: Final = (
    ("shared", "Understood and shared by all employees and potentially members"),
    ("broad", "Broad enough to encompass a variety of perspectives"),
    ("communicable", "Easy to communicate to a broad audience"),
    ("inspiring", "Inspiring and uplifting"),
    ("concise", "Concise and inclusive for clear understanding"),
    ("oriented", "Action-oriented or outcome-oriented"),
)
SUCCESS_FACTOR_KEYS: Final = tuple(key for key, _ in SUCCESS_FACTORS)

# --- Trends (issue 14): the strategy review's strategic foresight ---------------------------
# The six factor groups of a PESTEL analysis, as the academy's slide names them.
PESTEL: Final = (
    "Political",
    "Economic",
    "Social/cultural",
    "Technological",
    "Environmental",
    "Legal",
)
# Where a trend sits on the trend radar (influence strength against competence strength, as the
# ECCP Trend Universe rates trends). High means 4-5, low 1-2 on the 1-5 scale, as on the
# service profitability matrix.
TREND_ACT: Final = "Act: build competence"  # high influence, low competence: the pressing ones
TREND_USE: Final = "Use strength"  # high influence, competence 3 or more
TREND_REVIEW: Final = "Review effort"  # high competence for a trend of lesser influence
TREND_WATCH: Final = "Monitor"  # neither
TREND_QUADRANTS: Final = (TREND_ACT, TREND_USE, TREND_REVIEW, TREND_WATCH)

# --- Competencies (issue 14): the six fields of competence the academy names ---------------
# (name, the academy's examples)
COMPETENCE_FIELDS: Final = (
    ("Technical knowledge", "sector, industry and market knowledge, technical expertise"),
    ("Methodological skills", "project management tools, communication and PR"),
    (
        "Strategic management skills",
        "consultancy know-how, strategy development, modelling, leadership",
    ),
    ("Language skills", "business English"),
    ("Cluster policies and funding programmes", "regional policies, subsidies"),
    (
        "Process management and controlling",
        "financial modelling, quality management tools",
    ),
)
COMPETENCE_NAMES: Final = tuple(name for name, _ in COMPETENCE_FIELDS)
