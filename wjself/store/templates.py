"""Installed templates: install a version, list them, get one (latest version by default).

Identity is (id, version).  Installing the same content again does nothing; the same id and
version with other content is refused, naming both hashes.  Reading files and writing exports
is ``wjself.formats``' business; this service takes and returns ``Template`` values.
"""

from __future__ import annotations

from sqlalchemy import select

from wjself.core.audit import AuditAction
from wjself.core.checks import check_template
from wjself.core.codec import JsonLocator, canonical_json, content_hash, template_to_dict
from wjself.core.errors import Hint, InputError, Problem, Remedy
from wjself.core.template import Template, TemplateInfo, version_key
from wjself.store.common import Service, audit
from wjself.store.db import now_in, template_from_content
from wjself.store.models import TemplateRecord


class TemplateService(Service):
    """``workspace.templates``."""

    def install(self, template: Template) -> bool:
        """Install ``template``; True if it was new, False if the same content was there."""
        problems = check_template(template, JsonLocator(template.key))
        if problems:
            raise InputError(problems)
        sha = content_hash(template)
        content = canonical_json(template_to_dict(template)).decode("utf-8")
        with self._db.write() as s:
            existing = s.scalar(
                select(TemplateRecord).where(
                    TemplateRecord.template_id == template.id,
                    TemplateRecord.version == template.version,
                )
            )
            if existing is not None:
                if existing.sha256 == sha:
                    return False
                raise InputError(
                    [
                        Problem(
                            f"模板 {template.id} 版本 {template.version} 已安装，但内容不同"
                            f"（已安装 SHA-256 {existing.sha256[:16]}…，本文件 {sha[:16]}…）。"
                            "同一版本号不能有两种内容：请编写者提高版本号（如 2024.2）后再导入",
                            field="version",
                        )
                    ]
                )
            s.add(
                TemplateRecord(
                    template_id=template.id,
                    version=template.version,
                    title=template.title,
                    sha256=sha,
                    content=content,
                    installed_at=now_in(s),
                )
            )
            audit(s, self._operator(), AuditAction.TEMPLATE_INSTALL, new=f"{template.key} {sha}")
        template_from_content(sha, content)  # warm the cache with the parsed form
        return True

    def list(self) -> list[TemplateInfo]:
        """Every installed version, by id and then version (newest last)."""
        with self._db.read() as s:
            records = list(s.scalars(select(TemplateRecord)))
        infos = [self._info(r) for r in records]
        return sorted(infos, key=lambda i: (i.id, version_key(i.version)))

    def get(self, template_id: str, version: str | None = None) -> Template:
        """One installed version, or the newest installed version of ``template_id``."""
        with self._db.read() as s:
            records = list(
                s.scalars(select(TemplateRecord).where(TemplateRecord.template_id == template_id))
            )
        if not records:
            raise InputError(
                [Problem(f"模板 {template_id} 未安装", hint=Hint(Remedy.LIST_TEMPLATES))]
            )
        if version is None:
            record = max(records, key=lambda r: version_key(r.version))
        else:
            found = [r for r in records if r.version == version]
            if not found:
                versions = "、".join(sorted((r.version for r in records), key=version_key))
                raise InputError(
                    [Problem(f"模板 {template_id} 没有版本 {version}（已安装：{versions}）")]
                )
            record = found[0]
        return template_from_content(record.sha256, record.content)

    def parse_ref(self, ref: str) -> Template:
        """``ID`` or ``ID@VERSION`` as written on the command line."""
        template_id, _, version = ref.partition("@")
        return self.get(template_id.strip(), version.strip() or None)

    @staticmethod
    def _info(r: TemplateRecord) -> TemplateInfo:
        t = template_from_content(r.sha256, r.content)
        return TemplateInfo(
            id=r.template_id,
            version=r.version,
            title=r.title,
            issuer=t.issuer,
            plan_ref=t.plan_ref,
            items=t.item_count(),
            stages=t.stages,
            sha256=r.sha256,
            installed_at=r.installed_at,
        )
