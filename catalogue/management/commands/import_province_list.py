"""``manage.py import_province_list FILE``: a province's published list of
procedures (.xlsx or .csv), with a dry run and a report."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.models import Province
from catalogue.province import the_province
from catalogue.province_lists import ImportFailed, ListError, import_list


class Command(BaseCommand):
    help = (
        "Import a province's published list of administrative procedures "
        "(STT, Mã TTHC, Tên, Lĩnh vực, Cơ quan thực hiện, Thời hạn, Phí) from "
        ".xlsx or .csv: match codes, create unknown agencies, keep local times "
        "and fees with the decision that set them. One transaction: an error "
        "in any row writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the list (.xlsx or .csv)")
        parser.add_argument(
            "--decision",
            required=True,
            help='the announcing decision\'s number, e.g. "1234/QĐ-UBND"',
        )
        parser.add_argument(
            "--date", required=True, help="the decision's date, YYYY-MM-DD"
        )
        parser.add_argument("--title", default="", help="the decision's title")
        parser.add_argument(
            "--province", default="", help="province slug (default: the portal's)"
        )
        parser.add_argument(
            "--sample",
            action="store_true",
            help="mark the decision and entries as sample data",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish at once instead of leaving drafts for review",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report only; write nothing"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar"
        )

    def handle(self, *args, path: str, **options):
        try:
            date = dt.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(
                f"Ngày quyết định “{options['date']}” không hợp lệ (YYYY-MM-DD)."
            ) from exc
        if options["province"]:
            province = Province.objects.filter(slug=options["province"]).first()
        else:
            province = the_province()
        if province is None:
            raise CommandError(
                "Chưa có tỉnh nào trong danh mục: nạp tỉnh trước "
                "(manage.py load_province)."
            )

        def progress(items, total):
            return tqdm(
                items,
                total=total,
                unit="thủ tục",
                desc="Dry run" if options["dry_run"] else "Importing",
                disable=options["no_progress"],
                file=self.stderr._out,
            )

        try:
            report = import_list(
                path,
                province=province,
                decision_number=options["decision"].strip(),
                decision_date=date,
                decision_title=options["title"],
                sample=options["sample"],
                dry_run=options["dry_run"],
                publish=options["publish"],
                progress=progress,
            )
        except ImportFailed as exc:
            self.stdout.write("\n".join(exc.report.lines()))
            raise CommandError(str(exc)) from exc
        except ListError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("\n".join(report.lines()))
