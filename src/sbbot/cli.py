"""The `sbbot` command: run, chat, ask, validate (and the subcommands added beside them).

Every failure an admin can cause (bad setting, broken knowledge, unusable database) ends
in a short message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sbbot import bench, evaluation, http, logs
from sbbot.adapters import PLATFORMS, TERMINAL, ChatAdapter, terminal_message
from sbbot.chat import Announcement, ChannelUnavailable, EntryRef, Reply
from sbbot.clock import TEST_CLOCK_INTERVAL
from sbbot.config import ConfigError, Settings, load_settings, read_dotenv
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine, utc_now
from sbbot.importer import command as importer
from sbbot.knowledge import KnowledgeError, load_knowledge
from sbbot.knowledge.schema import write_schemas
from sbbot.language import tables as language_tables
from sbbot.schedule_preview import format_preview, localize, preview_at, preview_next
from sbbot.scheduler import PASS_INTERVAL, Schedule, run_scheduler
from sbbot.store import StoreError, open_store
from sbbot.watch import watch_knowledge

EXIT_ERROR = 1
EXIT_USAGE = 2
STOP_TIMEOUT = 3.0
"""Seconds each stage of a shutdown may take before what is left is cancelled: a service
manager's stop timeout (systemd: 90 s) must never be reached."""

log = logging.getLogger("sbbot")
SECRET_SETTINGS = tuple(name for platform in PLATFORMS for name in platform.secrets)
"""Never printed, nor logged (a password inside a URL setting is masked by `logs.redact`)."""


@asynccontextmanager
async def open_engine(settings: Settings, *, serving: bool = False) -> AsyncIterator[Engine]:
    """`serving`: members will talk to it, so the language tables are read before it is
    yielded (see `sbbot.language.tables`)."""
    store = await open_store(settings.database)
    try:
        # Reading and validating the files never runs on the event loop, start-up included.
        engine = await asyncio.to_thread(Engine, settings.knowledge_dir, store,
                                         timezone=settings.timezone, cache_dir=settings.cache_dir,
                                         clock=settings.test_clock or utc_now)
        if serving:
            await asyncio.to_thread(language_tables.read_all)
        yield engine
    finally:
        await store.close()


def reply_json(reply: Reply) -> str:
    entry: EntryRef | None = reply.entry
    return json.dumps({
        "kind": reply.kind,
        "reply": reply.text,
        "entry": None if entry is None else {
            "id": entry.id, "type": entry.type, "text": entry.text, "source": entry.source,
        },
        "score": None if reply.score is None else round(reply.score, 1),
    }, ensure_ascii=False)


async def ask(args: argparse.Namespace, settings: Settings) -> int:
    lines: Iterable[str] = sys.stdin if args.text == ["-"] else [" ".join(args.text)]
    async with open_engine(settings) as engine:
        for number, line in enumerate(lines):
            # Each line its own asker: a script's questions are independent, never read
            # as follow-ups of the line before (sbbot.followups).
            message = replace(terminal_message(line.rstrip("\n")), author=f"ask-{number}")
            reply = await engine.handle(message)
            if reply is None:
                continue
            print(reply_json(reply) if args.json else reply.text, flush=True)
    return 0


async def chat(args: argparse.Namespace, settings: Settings) -> int:
    async with open_engine(settings, serving=True) as engine:
        await serve(engine, [TERMINAL.start(engine, TERMINAL.read({}), Cooldown(0))],
                    Schedule.from_settings(settings), poll_interval(settings),
                    http_address(settings), settings.admin_channel)
    return 0


async def run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.platforms:
        return await chat(args, settings)
    async with open_engine(settings, serving=True) as engine:
        await serve(engine, chat_adapters(engine, settings), Schedule.from_settings(settings),
                    poll_interval(settings), http_address(settings), settings.admin_channel)
    return 0


def chat_adapters(engine: Engine, settings: Settings) -> list[ChatAdapter[Any]]:
    """The configured platforms, from the registry (each imported only when configured)."""
    return [platform.start(engine, settings.platforms[platform.name],
                           Cooldown(settings.question_cooldown))
            for platform in PLATFORMS if platform.name in settings.platforms]


def http_address(settings: Settings) -> tuple[str, int] | None:
    return None if settings.http_port is None else (settings.http_host, settings.http_port)


def poll_interval(settings: Settings) -> float:
    """Seconds between scheduler passes: fast under the soak tests' simulated clock."""
    return TEST_CLOCK_INTERVAL if settings.test_clock is not None else PASS_INTERVAL


def admin_notifier(adapters: Sequence[ChatAdapter[Any]], channel: tuple[str, str] | None,
                   clock: Callable[[], datetime]) -> Callable[[str], Awaitable[None]]:
    """Where the bot tells admins what they must fix: SBBOT_ADMIN_CHANNEL, else nowhere
    (the log has it already)."""
    by_platform = {adapter.platform: adapter for adapter in adapters}

    async def notify(text: str) -> None:
        if channel is None:
            return
        platform, target = channel
        adapter = by_platform.get(platform)
        if adapter is None:
            logging.getLogger("sbbot").warning(
                "SBBOT_ADMIN_CHANNEL: %s is not running, admin notice not posted", platform)
            return
        now = clock()
        try:
            await adapter.announce(Announcement("admin_notice", platform, target, now,
                                                f"admin-notice:{now.isoformat()}", text))
        except ChannelUnavailable as error:
            logging.getLogger("sbbot").warning("SBBOT_ADMIN_CHANNEL: %s", error)

    return notify


async def serve(engine: Engine, adapters: Sequence[ChatAdapter[Any]], plan: Schedule,
                interval: float = PASS_INTERVAL,
                http_address: tuple[str, int] | None = None,
                admin_channel: tuple[str, str] | None = None) -> None:
    """Run every adapter and the scheduler until SIGINT/SIGTERM or until an adapter stops.

    One engine, one store and one scheduler serve all platforms, so a channel subscribed on
    Discord and a room on Matrix get the same daily quote from the same rotation. With
    `http_address`, `/metrics` and `/healthz` are served meanwhile (see `sbbot.http`).
    """
    runner = None if http_address is None else await http.start(engine, adapters,
                                                                *http_address)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    runs = [asyncio.create_task(adapter.run(), name=adapter.platform) for adapter in adapters]
    scheduler = asyncio.create_task(run_scheduler(
        engine, {adapter.platform: adapter for adapter in adapters}, plan, stop=stop,
        interval=interval), name="scheduler")
    watcher = asyncio.create_task(watch_knowledge(
        engine, admin_notifier(adapters, admin_channel, engine.clock), stop), name="watcher")
    watcher.add_done_callback(watcher_stopped)
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([stopped, *runs], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.set()
        # A pass may be waiting on a post (an adapter that never connected): abandon it. Its
        # key was claimed before posting and stays claimed (at most once).
        scheduler.cancel()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signal_number)
        await asyncio.wait([asyncio.create_task(adapter.close()) for adapter in adapters],
                           timeout=STOP_TIMEOUT)
        _, pending = await asyncio.wait([scheduler, watcher, stopped, *runs],
                                        timeout=STOP_TIMEOUT)
        for task in pending:
            log.warning("%s did not stop within %.0f s; abandoned", task.get_name(),
                        STOP_TIMEOUT)
            task.cancel()
        await asyncio.gather(scheduler, watcher, stopped, *runs, return_exceptions=True)
        if runner is not None:
            await runner.cleanup()
    for task in runs:
        error = None if task.cancelled() else task.exception()
        if error is not None:
            raise error


def watcher_stopped(task: asyncio.Task[None]) -> None:
    """The bot keeps serving without live reload (`!recharger` still works); say why."""
    error = None if task.cancelled() else task.exception()
    if error is not None:
        logging.getLogger("sbbot").error("knowledge directory no longer watched: %s", error)


async def schedule(args: argparse.Namespace, settings: Settings) -> int:
    plan = Schedule.from_settings(settings)
    async with open_engine(settings) as engine:
        if args.next is not None:
            found = await preview_next(engine.store, engine.knowledge, plan, engine.clock(),
                                       args.next)
        else:
            found = await preview_at(engine.store, engine.knowledge, plan,
                                     localize(args.at, settings.timezone))
    print(format_preview(found, settings.timezone, as_json=args.json), end="")
    return 0


PREVIEW_MAX = 1000
"""`schedule --next` at most: a thousand announcements take about a second to plan (each
day's quote continues the days before it), a hundred thousand took minutes."""


def preview_count(value: str) -> int:
    number = int(value) if value.strip().lstrip("-").isdigit() else 0
    if not 1 <= number <= PREVIEW_MAX:
        raise argparse.ArgumentTypeError(f"a number from 1 to {PREVIEW_MAX}, not {value!r}")
    return number


def validate(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    try:
        knowledge = load_knowledge(directory)
    except KnowledgeError as error:
        print(error, file=sys.stderr)
        return EXIT_ERROR
    passages = sum(len(post.passages) for post in knowledge.posts)
    print(f"{directory}: OK — {len(knowledge.posts)} posts, {passages} passages, "
          f"{len(knowledge.quotes)} quotes, {len(knowledge.reasons)} reasons, "
          f"{len(knowledge.events)} events, {len(knowledge.synonyms)} synonyms")
    return 0


def schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas that give admins' editors completion and red underlines."""
    out = Path(args.out) if args.out is not None else Path(args.directory) / "schema"
    try:
        for path in write_schemas(out):
            print(path)
    except OSError as error:
        print(f"sbbot schema: {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sbbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser(
        "run", help="run on Discord and/or Matrix as configured; in the terminal otherwise",
    ).set_defaults(handler=run)
    commands.add_parser("chat", help="talk to the bot in this terminal").set_defaults(
        handler=chat)

    ask_parser = commands.add_parser("ask", help="send one message (or '-' for stdin lines)")
    ask_parser.add_argument("--json", action="store_true", help="one JSON object per reply")
    ask_parser.add_argument("text", nargs="+", help="the message, or '-' to read stdin")
    ask_parser.set_defaults(handler=ask)

    schedule_parser = commands.add_parser(
        "schedule", help="show the announcements due at an instant, or the next ones (dry run)")
    when = schedule_parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", type=datetime.fromisoformat, metavar="ISO8601",
                      help="what would be posted at that instant (local time if no offset)")
    when.add_argument("--next", type=preview_count, metavar="N",
                      help=f"the next N announcements (at most {PREVIEW_MAX})")
    schedule_parser.add_argument("--json", action="store_true",
                                 help="one JSON object per announcement")
    schedule_parser.set_defaults(handler=schedule)

    validate_parser = commands.add_parser("validate", help="check the knowledge files")
    validate_parser.add_argument("directory", nargs="?", default=None)
    validate_parser.set_defaults(sync_handler=validate)

    importer.add_arguments(commands.add_parser(
        "import", help="draft knowledge files from saved posts (web pages, Markdown, text)"))

    schema_parser = commands.add_parser(
        "schema", help="write the JSON Schemas of the knowledge files (for editors)")
    schema_parser.add_argument("--out", default=None, metavar="DIR",
                               help="where to write them (default: the knowledge's schema/)")
    schema_parser.set_defaults(sync_handler=schema, directory=None)

    bench_parser = commands.add_parser(
        "bench", help="measure answer quality and speed against the usual alternatives")
    bench.add_arguments(bench_parser)
    bench_parser.set_defaults(sync_handler=bench.run)

    eval_parser = commands.add_parser(
        "eval", help="routing quality on the evaluation sets, French and English apart")
    evaluation.add_arguments(eval_parser)
    eval_parser.set_defaults(sync_handler=evaluation.run)
    return parser


def secrets(env: Mapping[str, str]) -> list[str]:
    return [env.get(name, "").strip() for name in SECRET_SETTINGS]


def start_up(dotenv_path: Path, environ: Mapping[str, str]) -> Settings:
    """Settings from the environment and `.env` (the environment wins), with the secrets
    among them registered for redaction before anything is logged or printed."""
    dotenv, warnings = read_dotenv(dotenv_path, PLATFORMS)
    env = {**dotenv, **environ}
    logs.register_secrets(secrets(env))
    settings = load_settings(env, PLATFORMS)
    logs.configure(settings.log_level)
    for warning in warnings:
        log.warning("%s", warning)
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = start_up(Path.cwd() / ".env", os.environ)
        if getattr(args, "sync_handler", None) is not None:
            if getattr(args, "directory", "") is None:
                args.directory = str(settings.knowledge_dir)
            return int(args.sync_handler(args))
        return int(asyncio.run(args.handler(args, settings)))
    except (ConfigError, StoreError) as error:
        print(f"sbbot: {logs.redact(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KnowledgeError as error:
        print(f"sbbot: the knowledge files are invalid:\n{logs.redact(str(error))}",
              file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
