"""A received assessment as the school saw it, read back from the kept bundle copy.

The copy is verified again as it is read (it is only a file in a folder), and its evidence
is unpacked once into ``received-evidence/<sha256>`` (named by content, so an unpacked file
serves every bundle that carries it) for the window to open.
"""

from __future__ import annotations

import dataclasses

from wjself.core.assessment import AssessmentView
from wjself.core.errors import EnvironmentFault, InputError, Problem
from wjself.district.workspace import DistrictWorkspace
from wjself.formats.bundle import read_bundle
from wjself.store.received import ReceivedRecord

EVIDENCE = "received-evidence"


def received_view(
    dws: DistrictWorkspace, received_id: int, *, with_evidence: bool = True
) -> AssessmentView:
    """Core's view of received bundle ``received_id``; its ``id`` is ``received_id``.

    InputError for an unknown id; EnvironmentFault when the kept copy is gone or no longer
    verifies (someone changed the bundles folder)."""
    with dws.read() as s:
        record = s.get(ReceivedRecord, received_id)
        if record is None:
            raise InputError([Problem(f"没有编号为 {received_id} 的已接收自评", field="ID")])
        name, school = record.path, f"{record.school_name}（{record.school_code}）"
    kept = dws.bundles / name
    if not kept.is_file():
        raise EnvironmentFault(
            f"{school}的数据包副本 {kept} 不见了；请从备份恢复，或请学校重新发送后再导入。"
        )
    evidence = dws.paths.root / EVIDENCE if with_evidence else None
    try:
        view = read_bundle(kept, evidence_dir=evidence)
    except InputError as exc:
        raise EnvironmentFault(
            f"{school}的数据包副本 {kept} 已不能通过核验（接收后被改动或损坏）：{exc}"
        ) from None
    return dataclasses.replace(view, id=received_id)
