"""Pages of the prohibitions catalogue, violation cases and disciplinary actions."""

from django.urls import path

from . import case_views, discipline_views

urlpatterns = [
    path("prohibitions/", case_views.prohibition_list, name="prohibition-list"),
    path(
        "prohibitions/acknowledge/",
        case_views.prohibition_acknowledge,
        name="prohibition-acknowledge",
    ),
    path(
        "prohibitions/acknowledgements/",
        case_views.acknowledgement_list,
        name="prohibition-acknowledgements",
    ),
    path("violations/", case_views.case_list, name="violation-list"),
    path("violations/report/", case_views.case_report, name="violation-report"),
    path("violations/<int:pk>/", case_views.case_detail, name="violation-detail"),
    path("violations/<int:pk>/step/", case_views.case_advance, name="violation-advance"),
    path("violations/<int:pk>/evidence/", case_views.evidence_add, name="violation-evidence"),
    path("evidence/<int:pk>/", case_views.evidence_download, name="evidence-download"),
    path("discipline/", discipline_views.action_list, name="discipline-list"),
    path("discipline/record/", discipline_views.action_record, name="discipline-record"),
    path("discipline/<int:pk>/decide/", discipline_views.action_decide, name="discipline-decide"),
    path("discipline/mine/", discipline_views.my_actions, name="my-discipline"),
]
