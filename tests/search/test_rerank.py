"""The re-ranker's features and order (search.rerank): plain functions of a
query and a hit's source, no engine needed."""

from __future__ import annotations

from search import rerank


def source(name: str, **extra) -> dict:
    return {"name": name, "levels": ["xa"], "prior": 1.0, **extra}


def vector(query: list[str], hit: dict, score=10.0, best=10.0, rank=1) -> dict:
    values = rerank.features(rerank.Query(query), hit, score, best, rank)
    assert len(values) == len(rerank.FEATURES)
    return dict(zip(rerank.FEATURES, values, strict=True))


def test_the_query_covered_folded_and_as_typed():
    divorce = vector(["ly hôn"], source("Thủ tục ghi vào Sổ hộ tịch việc ly hôn"))
    marriage = vector(["ly hôn"], source("Thủ tục đăng ký kết hôn"))
    assert divorce["query_covered"] == 1.0
    assert marriage["query_covered"] == 0.5
    # Typed without diacritics: the folded words count.
    assert vector(["ly hon"], source("Ly hôn"))["query_exact"] == 1.0
    # Typed with them, "lại" is not "lái".
    again = vector(["cấp lại giấy phép"], source("Cấp giấy phép lái xe"))
    assert again["query_covered"] == 1.0
    assert again["query_exact"] == 0.75  # "cấp", "giấy", "phép", not "lại"


def test_a_short_name_that_is_all_query_covers_more_of_its_name():
    query = ["đăng ký kết hôn"]
    plain = vector(query, source("Thủ tục đăng ký kết hôn"))
    longer = vector(query, source("Thủ tục đăng ký kết hôn có yếu tố nước ngoài"))
    assert plain["name_covered"] == 1.0
    assert longer["name_covered"] < 0.6
    assert plain["pairs"] == longer["pairs"] == 1.0
    assert plain["run"] == 1.0


def test_the_best_wording_counts():
    hit = source("Cấp giấy chứng nhận quyền sử dụng đất")
    alone = vector(["sổ đỏ"], hit)
    reworded = vector(["sổ đỏ", "giay chung nhan quyen su dung dat"], hit)
    assert alone["query_covered"] == 0.0
    assert reworded["query_covered"] == 1.0


def test_english_coverage_reads_the_english_name():
    hit = source("Thủ tục đăng ký khai sinh", name_en="Birth registration")
    assert vector(["register a birth"], hit)["english_covered"] == 1.0
    assert vector(["đăng ký khai sinh"], hit)["english_covered"] == 0.0


def test_family_features():
    variant = source(
        "Đăng ký khai sinh lưu động",
        family_depth=1,
        variant_words=["lưu", "động"],
        variant_words_folded=["luu", "dong"],
        variant_need=2,
    )
    assert vector(["đăng ký khai sinh"], variant)["variant_unnamed"] == 1.0
    assert vector(["khai sinh lưu động"], variant)["variant_unnamed"] == 0.0
    assert vector(["khai sinh luu dong"], variant)["variant_unnamed"] == 0.0
    # As the engine reads them: typed words against the keys as typed,
    # a wording without diacritics against the folded keys.
    general = source("Đăng ký khai sinh", child_keys_folded=["dong luu"])
    assert vector(["khai sinh lưu động"], general)["child_named"] == 0.0
    assert vector(["khai sinh luu dong"], general)["child_named"] == 1.0
    general = source("Đăng ký khai sinh", child_keys=["lưu động"])
    assert vector(["khai sinh lưu động"], general)["child_named"] == 1.0
    assert vector(["khai sinh"], general)["child_named"] == 0.0


def test_levels_and_prior():
    central = vector(["x"], {"name": "x", "levels": ["bo"], "prior": 0.0})
    assert central["central"] == 1.0 and central["commune"] == 0.0
    assert central["log_prior"] == 0.0


def hits(*names: str) -> list[dict]:
    return [
        {"_score": 10.0 - i, "_source": source(name)} for i, name in enumerate(names)
    ]


def test_the_engines_order_alone_changes_nothing():
    found = hits("Thủ tục đăng ký kết hôn", "Thủ tục ghi vào Sổ hộ tịch việc ly hôn")
    assert rerank.rerank(["ly hôn"], found, {"log_score": 1.0}) is found
    assert not rerank.active({"log_score": 1.0})


def test_weights_reorder_and_ties_keep_the_engines_order():
    found = hits("Thủ tục đăng ký kết hôn", "Thủ tục ghi vào Sổ hộ tịch việc ly hôn")
    weights = {"log_score": 1.0, "query_covered": 2.0}
    order = rerank.rerank(["ly hôn"], found, weights)
    assert [h["_source"]["name"] for h in order] == [
        "Thủ tục ghi vào Sổ hộ tịch việc ly hôn",
        "Thủ tục đăng ký kết hôn",
    ]
    same = hits("Cấp hộ chiếu", "Cấp hộ chiếu")
    assert rerank.rerank(["hộ chiếu"], same, {"query_covered": 1.0}) == same
