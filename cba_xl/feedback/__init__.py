"""Feedback for each participant: a page to print or mail, and a mail-merge file for trainers."""

from cba_xl.feedback.pages import FeedbackRun, write_feedback

__all__ = ["FeedbackRun", "write_feedback"]
