"""What an operator watches, counted where it happens: questions by verdict, commands,
announcements, knowledge reloads, answer latency, knowledge size, connected platforms.

One `Metrics` per engine, on its own registry (not prometheus-client's global one), so
that tests and several engines in one process never mix their counts. `sbbot.http` serves
it; nothing here does I/O.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
"""Seconds: answers take about a millisecond; the upper buckets catch a stalled store."""


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.questions = Counter("sbbot_questions", "Free questions answered, by verdict",
                                 ["verdict"], registry=self.registry)
        self.commands = Counter("sbbot_commands", "Commands used, by name", ["command"],
                                registry=self.registry)
        self.announcements = Counter(
            "sbbot_announcements", "Announcements by result (sent, failed, skipped)",
            ["result"], registry=self.registry)
        self.reloads = Counter("sbbot_knowledge_reloads", "Knowledge reloads, by result",
                               ["result"], registry=self.registry)
        self.answer_seconds = Histogram("sbbot_answer_seconds", "Time to build a reply",
                                        buckets=LATENCY_BUCKETS, registry=self.registry)
        self.knowledge_entries = Gauge("sbbot_knowledge_entries",
                                       "Entries in the knowledge being served",
                                       registry=self.registry)
        self.platform_connected = Gauge("sbbot_platform_connected",
                                        "1 when the platform is connected", ["platform"],
                                        registry=self.registry)
        self.shards = Gauge("sbbot_discord_shards", "Discord shards connected in this process",
                            registry=self.registry)
        for result in ("sent", "failed", "skipped"):
            self.announcements.labels(result)
        for result in ("ok", "failed"):
            self.reloads.labels(result)
