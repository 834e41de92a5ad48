"""The store: one data folder's SQLite database and the services on it.

Open a data folder with ``Workspace.open(paths)`` (``wjself.app.bootstrap`` does it for the
window and the command line: logging, window lock, day's backup, migrations, bundled
templates).  Every service method is one transaction: it either happened completely and is
on disk when it returns, or raised and changed nothing.  Results are the frozen dataclasses of
``wjself.core`` (never ORM objects), safe to keep and hand to other threads.  Bad input raises
``InputError`` with located ``Problem``\\ s; a machine problem (disk full, database busy for
more than 5 s, damaged file) raises ``EnvironmentFault``; anything else is a bug.

``ws = Workspace.open(paths)``; ``ws.close()`` (or ``with``)::

    ws.operator -> str                       who changes are recorded as ($WJSELF_USER, else the
    ws.set_operator(name)                    "operator" setting, else the OS login name)
    ws.setting(key) -> str | None;  ws.set_setting(key, value);  ws.settings() -> dict
    ws.backup_to(path) -> Path               consistent copy of the database (atomic)
    ws.backups() -> list[Path]               backups in the data folder, newest first
    ws.restore(path, window_lock=None)       replace the database from a backup (see restore)
    ws.warnings -> tuple[str, ...]           what to tell the person about opening (a day's
                                             backup that could not be taken), in Chinese

    ws.signing_key -> KeyPair                this installation's Ed25519 key (DATA/keys; store.keys)
    ws.keys.pin(role, code, public_raw, source, note="", replace=False) -> TrustedKey
    ws.keys.pinned_for(role, code) -> list[TrustedKey];  ws.keys.all_pins()
    ws.keys.judge(role, code, SignatureCheck) -> Trust   pinned-match / first-seen / other-key…

    ws.templates.install(Template) -> bool   False: same content already there
    ws.templates.list() -> list[TemplateInfo]
    ws.templates.get(id, version=None) -> Template          newest version when None
    ws.templates.parse_ref("id@version" | "id") -> Template

    ws.schools.add(School) -> School         School.id ignored; returns it with its id
    ws.schools.update(School) -> School      draft assessments follow the new facts
    ws.schools.list() -> list[School];  ws.schools.get(id) -> School
    ws.schools.find(code) -> School | None

    ws.assessments.new(school_id, template_id, version | None, period) -> int
    ws.assessments.list(school_id=None, period=None, status=None) -> list[AssessmentSummary]
    ws.assessments.view(id) -> AssessmentView        answers, evidence, rectifications, sign-off
    ws.assessments.template(id) -> Template          its snapshot, without loading answers
    ws.assessments.missing(id) -> list[Problem]      what finalizing would refuse for (field = code)
    ws.assessments.narrative(id) -> Narrative        the written 自查报告 (core.narrative)
    ws.assessments.set_narrative(id, Narrative)      drafts only; one audit row per part changed
    ws.assessments.finalize(id, filled_by, reviewed_by) -> SignOff
    ws.assessments.reopen(id, reason)
    ws.assessments.delete(id)                        drafts only
    ws.assessments.fingerprint(id) -> str            recomputed from what is stored
    ws.assessments.history(id) -> list[AuditEntry]   oldest first

    ws.answers.set(id, code, value, note=None) -> Answer   value as a person writes it; "" clears
    ws.answers.set_note(id, code, note) -> Answer
    ws.answers.clear(id, code) -> Answer                   value and note
    ws.answers.get(id, code) -> Answer
    ws.answers.import_rows(id, rows: list[AnswerRow], source) -> ImportResult   all or nothing
    ws.answers.confirm(id, code) -> Answer                 "still right" after an upgrade
    ws.answers.history(id, code=None) -> list[HistoryEntry]   answers upgrades set aside/removed

    ws.upgrades.offers(school_id=None) -> list[UpgradeOffer]   assessments with a newer version
    ws.upgrades.offer(id) -> UpgradeOffer | None             installed than their own
    ws.upgrades.plan(id, version) -> UpgradePlan             preview (dry run) of an upgrade
    ws.upgrades.apply(id, version, basis=None) -> AppliedPlan   one transaction, backup first
    ws.upgrades.prefill_plan(source_id, template_id, version=None) -> UpgradePlan
    ws.upgrades.new_prefilled(school_id, template_id, version, period, source_id) -> AppliedPlan

    ws.evidence.add(id, code, path, name=None) -> Evidence
    ws.evidence.remove(evidence_id)

    ws.rectifications.save(Rectification) -> Rectification   edit a copy (dataclasses.replace)
    ws.rectifications.delete(rect_id)                          only entries marked obsolete
    ws.rectifications.get(rect_id) -> Rectification
    ws.rectifications.open_for_school(school_id) -> list[Rectification]   overdue first
    ws.rectifications.for_school(school_id, statuses=None) -> list[Rectification]
                                                     any status; overdue, open, done, verified

Outside the workspace: ``lock.WindowLock`` and ``lock.holder`` (one window per data folder),
``backup`` (backup files holding the database and its evidence, format in ``container``;
automatic daily backups and rotation; ``latest_good_backup`` for the message about
a damaged database, which ``Workspace.open`` raises as ``faults.DatabaseDamaged`` carrying
that backup; a database of a newer wjself is ``faults.DatabaseTooNew``), ``restore.restore_database`` (database and evidence, checked whole first; for a command line restore, which works
even when the current database is damaged: its files are kept as ``backups/damaged-*.db``).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wjself.store.workspace import Workspace


def __getattr__(name: str) -> Any:
    # Lazy, so ``wjself.store.lock`` can be used before SQLAlchemy is imported (the window
    # takes its lock before it opens the database).
    if name == "Workspace":
        from wjself.store.workspace import Workspace

        return Workspace
    raise AttributeError(f"module 'wjself.store' has no attribute {name!r}")


__all__ = ["Workspace"]
