"""The dossier-handling evaluation: nine criteria, 0-2 points each, four grades.

The portal's own survey, in the shape of the 18-point form of the repealed
Decree 61/2018 / Circular 01/2018 (whether Decree 118/2025 and Circular
03/2025/TT-VPCP keep it could not be confirmed: docs/legal.md rule 22): each
criterion is answered with one of three options worth 0, 1 or 2 points, 18
points in all. Decision 766's satisfaction indicators (group 5) are computed
from petitions, likes and overdue dossiers, not from this form.

This is the one place the criteria are written down: the model's columns,
the evaluation endpoint's fields and the form the citizens' site draws (from
``GET /api/v1/satisfaction/criteria/``) all come from here. The wording is
the citizens' form's, in Vietnamese and English.
"""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_CRITERION = 2


@dataclass(frozen=True)
class Text:
    vi: str
    en: str


@dataclass(frozen=True)
class Criterion:
    name: str
    label: Text
    # What each answer says, for 0, 1 and 2 points.
    options: tuple[Text, Text, Text]


@dataclass(frozen=True)
class Grade:
    code: str
    label: Text
    # The lowest total of the grade; grades are listed best first.
    min_total: int


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "total_time",
        Text(
            "Tổng thời gian giải quyết so với thời hạn quy định",
            "Total handling time against the legal time limit",
        ),
        (
            Text("Quá hạn", "Late"),
            Text("Đúng hạn", "On time"),
            Text("Trước hạn", "Early"),
        ),
    ),
    Criterion(
        "agency_time",
        Text(
            "Thời gian thực hiện tại từng cơ quan, đơn vị",
            "Time taken at each agency",
        ),
        (
            Text("Có cơ quan giải quyết quá hạn", "An agency was late"),
            Text("Đúng hạn", "On time"),
            Text("Trước hạn", "Early"),
        ),
    ),
    Criterion(
        "contacts",
        Text(
            "Số lần phải liên hệ để hoàn thiện hồ sơ",
            "Times you had to get in touch to complete the dossier",
        ),
        (
            Text("Từ 3 lần trở lên", "3 times or more"),
            Text("2 lần", "Twice"),
            Text("Không quá 1 lần", "At most once"),
        ),
    ),
    Criterion(
        "agencies_contacted",
        Text(
            "Số cơ quan, đơn vị phải liên hệ",
            "Number of agencies you had to contact",
        ),
        (
            Text("Từ 3 cơ quan trở lên", "3 or more agencies"),
            Text("2 cơ quan", "2 agencies"),
            Text("Chỉ Bộ phận Một cửa", "Only the one-stop desk"),
        ),
    ),
    Criterion(
        "one_stop",
        Text(
            "Tiếp nhận và trả kết quả tại Bộ phận Một cửa",
            "Filed and collected at the one-stop desk",
        ),
        (
            Text(
                "Không tiếp nhận, không trả kết quả tại Bộ phận Một cửa",
                "Neither filed nor collected at the one-stop desk",
            ),
            Text(
                "Chỉ tiếp nhận hoặc chỉ trả kết quả tại Bộ phận Một cửa",
                "Only filed or only collected at the one-stop desk",
            ),
            Text(
                "Cả tiếp nhận và trả kết quả tại Bộ phận Một cửa",
                "Both filed and collected at the one-stop desk",
            ),
        ),
    ),
    Criterion(
        "publicly_posted",
        Text(
            "Thủ tục hành chính được công khai",
            "The procedure was publicly posted",
        ),
        (
            Text("Không được công khai", "Not posted"),
            Text("Công khai chưa đầy đủ", "Posted incompletely"),
            Text("Công khai đầy đủ, đúng quy định", "Posted in full, as required"),
        ),
    ),
    Criterion(
        "attitude",
        Text(
            "Thái độ của cán bộ, công chức khi hướng dẫn, tiếp nhận, giải quyết",
            "Attitude of the staff who guided, received and handled it",
        ),
        (
            Text("Gây phiền hà, sách nhiễu", "Obstructive or demanding"),
            Text("Bình thường", "Ordinary"),
            Text("Lịch sự, tận tình", "Polite and helpful"),
        ),
    ),
    Criterion(
        "feedback_handling",
        Text(
            "Việc tiếp thu, giải trình phản ánh, kiến nghị",
            "How your feedback or petitions were handled",
        ),
        (
            Text("Không được tiếp thu, giải trình", "Not taken up or explained"),
            Text(
                "Được giải trình nhưng chậm hoặc chưa thỏa đáng",
                "Explained, but late or unsatisfactorily",
            ),
            Text(
                "Được tiếp thu, giải trình kịp thời, thỏa đáng "
                "(hoặc không có phản ánh)",
                "Taken up and explained promptly and satisfactorily "
                "(or no feedback given)",
            ),
        ),
    ),
    Criterion(
        "online_quality",
        Text(
            "Tiến độ và chất lượng dịch vụ công trực tuyến",
            "Progress and quality of the online service",
        ),
        (
            Text(
                "Không đáp ứng hoặc không sử dụng được",
                "Did not work or could not be used",
            ),
            Text("Chậm hoặc chất lượng chưa tốt", "Slow or of poor quality"),
            Text(
                "Đúng tiến độ, chất lượng tốt (hoặc không nộp trực tuyến)",
                "On schedule and of good quality (or not filed online)",
            ),
        ),
    ),
)

MAX_POINTS = POINTS_PER_CRITERION * len(CRITERIA)

GRADES: tuple[Grade, ...] = (
    Grade("rat_tot", Text("Rất tốt", "Very good"), 17),
    Grade("tot", Text("Tốt", "Good"), 15),
    Grade("dat", Text("Đạt", "Pass"), 9),
    Grade("khong_dat", Text("Không đạt", "Fail"), 0),
)
