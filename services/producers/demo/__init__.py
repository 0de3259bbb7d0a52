"""Demo data set: realistic, fake MO reports from demo partners, with ground truth for evaluation."""

from services.producers.demo.generator import (
    DemoPartner,
    DemoScenario,
    DemoSet,
    DemoSubmission,
    generate_demo_set,
    write_demo_files,
)

__all__ = [
    "DemoPartner",
    "DemoScenario",
    "DemoSet",
    "DemoSubmission",
    "generate_demo_set",
    "write_demo_files",
]
