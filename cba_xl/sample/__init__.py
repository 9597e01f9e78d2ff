"""Sample homework: the embedded demo cohort, a generator of any number of participants, and a
stress case for slide overflow. Core models only; writing workbooks is `cba_xl.api`'s job."""

from cba_xl.sample.build import Sample
from cba_xl.sample.cohort import demo_cohort, demo_samples
from cba_xl.sample.generator import generate, generate_samples
from cba_xl.sample.mistakes import KINDS as MISTAKE_KINDS
from cba_xl.sample.stress import stress_homework

__all__ = [
    "MISTAKE_KINDS",
    "Sample",
    "demo_cohort",
    "demo_samples",
    "generate",
    "generate_samples",
    "stress_homework",
]
