"""Administrators configure the grade scheme in admin (R-GRD-1, R-GRD-2); bad values are
refused there as in the API."""

from managers.models import GradeLevel


def level_form(scheme, **overrides):
    data = {
        "scheme": scheme.pk,
        "code": "L5",
        "name": "五级客户经理",
        "rank": 7,
        "staff_grade": 10,
        "communication_allowance": "100",
        "transport_allowance": "0",
        "approval_authority": "sub_branch",
        "min_marketing_years": 0,
    }
    return data | overrides


def test_admin_adds_a_level(admin_client, levels):
    scheme = levels["L3"].scheme
    response = admin_client.post("/admin/managers/gradelevel/add/", level_form(scheme))
    assert response.status_code == 302
    assert GradeLevel.objects.get(code="L5").staff_grade == 10


def test_admin_refuses_negative_allowance_and_missing_staff_grade(admin_client, levels):
    scheme = levels["L3"].scheme
    for bad, field in (
        ({"communication_allowance": "-5"}, "communication_allowance"),
        ({"staff_grade": ""}, "staff_grade"),
    ):
        response = admin_client.post("/admin/managers/gradelevel/add/", level_form(scheme, **bad))
        assert response.status_code == 200
        assert field in response.context["adminform"].form.errors
    assert not GradeLevel.objects.filter(code="L5").exists()


def test_admin_refuses_a_second_active_scheme(admin_client, levels):
    response = admin_client.post(
        "/admin/managers/gradescheme/add/",
        {
            "name": "三级体系",
            "is_active": "on",
            "term_months": 12,
            "trainee_months_graduate": 12,
            "trainee_months_transfer": 6,
            "levels-TOTAL_FORMS": 0,
            "levels-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "只能有一个现行等级体系" in response.content.decode()


def test_grade_changes_are_read_only_in_admin(admin_client, levels):
    assert admin_client.get("/admin/managers/gradechange/add/").status_code == 403
