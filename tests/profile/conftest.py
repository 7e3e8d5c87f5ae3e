"""A complete profile of a small firm that takes cards and works as a processor for one client."""

from __future__ import annotations

import pytest

FULL = """\
updated = 2026-11-01

[firm]
name = "株式会社サンプル商事"
address = "東京都千代田区霞が関1-1-1"
organisation = "business"
sectors = []
my_number = true
card_data = true
eu_customers = true
desk_name = "お客様相談室"
desk_phone = "0120-111-222"

[[people]]
name = "山田 太郎"
roles = ["decision"]
phone = "03-1111-2222"

[[people]]
name = "佐藤 花子"
roles = ["it", "privacy_officer"]
phone = "090-3333-4444"

[[partners]]
kind = "insurer"
name = "サンプル損保 事故受付"
phone = "0120-555-666"
policy_number = "CY-2026-0042"
notice_days = 30

[[partners]]
kind = "acquirer"
name = "サンプルカード 加盟店窓口"
phone = "03-7777-8888"

[[partners]]
kind = "controller"
name = "委託元株式会社"
phone = "03-9999-0000"

[[partners]]
kind = "forensic"
name = "サンプルセキュリティ"
phone = "03-1212-3434"
contracted = true

[[partners]]
kind = "lawyer"
name = "霞が関法律事務所"
phone = "03-5656-7878"

[[partners]]
kind = "police"
name = "警視庁 サイバー犯罪対策課"
phone = "03-3431-8109"

[places]
laptop = "総務部の鍵付きキャビネット"
incident_files = "対応用PCの D:/incidents と金庫のUSBメモリ"
"""


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "profile.toml"
    path.write_text(FULL, encoding="utf-8")
    return path


@pytest.fixture
def profile(profile_file):
    from wizard.profile.files import load

    return load(profile_file)
